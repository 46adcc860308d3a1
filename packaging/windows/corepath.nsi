; The Windows installer (makensis, from packaging/build-windows.sh): installs Corepath for the
; current user, with no administrator rights, into %LOCALAPPDATA%\Programs\Corepath, with a
; Start menu entry and an entry in Settings > Apps that uninstalls it. The data folder
; (%APPDATA%\fyne\dev.corepath.app) is never touched.
; makensis -DVERSION=0.1.0 -DSTAGE=folder -DICON=file.ico -DOUT=setup.exe corepath.nsi
; A 64-bit installer, like the programs it installs (and Wine here runs 64-bit programs only).
Target amd64-unicode
SetCompressor /SOLID lzma
!include "MUI2.nsh"

Name "Corepath ${VERSION}"
OutFile "${OUT}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Corepath"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Corepath"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\corepath-app.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Corepath"
	SetOutPath "$INSTDIR"
	File "${STAGE}/corepath-app.exe"
	File "${STAGE}/corepath.exe"
	File "${STAGE}/README.txt"
	WriteUninstaller "$INSTDIR\uninstall.exe"
	CreateShortCut "$SMPROGRAMS\Corepath.lnk" "$INSTDIR\corepath-app.exe"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Corepath"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Corepath developers"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\corepath-app.exe"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
	WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
	WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
	Delete "$INSTDIR\corepath-app.exe"
	Delete "$INSTDIR\corepath.exe"
	Delete "$INSTDIR\README.txt"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	Delete "$SMPROGRAMS\Corepath.lnk"
	DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
