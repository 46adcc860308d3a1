#!/usr/bin/env bash
# build-windows.sh ZIP SETUP - "make windows": build Corepath for 64-bit Windows on Linux, and
# pack it two ways: ZIP, a folder with corepath-app.exe (the desktop app: a GUI program, with the
# icon, the version resource and the manifest that Fyne's packager makes), corepath.exe (the
# command line) and a README; and SETUP, an installer (NSIS's makensis) of the same files for
# the current user, with a Start menu entry and an uninstaller. Needs MinGW-w64's C compiler,
# zip, rsvg-convert and makensis (scripts/setup.sh platforms installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
zip=$(realpath -m "$1") setup=$(realpath -m "$2")
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
cc=${WINDOWS_CC:-x86_64-w64-mingw32-gcc}
command -v "$cc" >/dev/null || { echo "build-windows: no $cc; run scripts/setup.sh platforms" >&2; exit 1; }

name=$(basename "$zip" .zip)
stage=build/windows/$name
rm -rf build/windows
mkdir -p "$stage" "$(dirname "$zip")"

CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -trimpath -buildvcs=auto \
	-ldflags "-s -w -X main.version=$version" -o "$stage/corepath.exe" ./cmd/corepath

# The fyne tool pinned in go.mod, built for this machine (go tool would build it with CC too).
go build -o build/fyne fyne.io/tools/cmd/fyne
# fyne package rewrites FyneApp.toml to raise its build number: keep the file as it is. It takes
# extra linker flags from GOFLAGS, and makes Corepath.exe in this folder.
cp -p FyneApp.toml build/FyneApp.toml
status=0
CC=$cc GOARCH=amd64 GOFLAGS="-buildvcs=auto -ldflags=-X=main.version=$version" \
	build/fyne package -os windows -release -tags migrated_fynedo,no_emoji || status=$?
cp -p build/FyneApp.toml FyneApp.toml
((status == 0)) || exit "$status"
mv Corepath.exe "$stage/corepath-app.exe"

sed -e "s/@VERSION@/$version/" -e 's/$/\r/' packaging/windows/README.txt >"$stage/README.txt"
rm -f "$zip"
(cd build/windows && zip -qr9 "$zip" "$name")

# The installer's icon: an ICO holding one 256 px PNG (header, one directory entry, the PNG).
rsvg-convert -w 256 -h 256 -o build/windows/icon.png resources/icon.svg
size=$(stat -c %s build/windows/icon.png)
# le32 N: N as the printf escapes of 4 bytes, little-endian.
le32() { printf '%08x' "$1" | sed 's/\(..\)\(..\)\(..\)\(..\)/\\x\4\\x\3\\x\2\\x\1/'; }
{
	printf '\x00\x00\x01\x00\x01\x00\x00\x00\x00\x00\x01\x00\x20\x00'
	printf "$(le32 "$size")$(le32 22)"
	cat build/windows/icon.png
} >build/windows/corepath.ico
makensis -V2 -DVERSION="$version" -DSTAGE="$PWD/$stage" -DOUT="$setup" -DICON="$PWD/build/windows/corepath.ico" \
	packaging/windows/corepath.nsi
ls -l "$zip" "$setup"
