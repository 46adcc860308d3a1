#!/usr/bin/env bash
# build-windows.sh ZIP - "make windows": build Corepath for 64-bit Windows on Linux and pack it
# in ZIP, a folder with corepath-app.exe (the desktop app: a GUI program, with the icon, the
# version resource and the manifest that Fyne's packager makes), corepath.exe (the command line)
# and a README. Needs the MinGW-w64 C compiler (scripts/setup.sh platforms installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
zip=$(realpath -m "$1")
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
ls -l "$zip"
