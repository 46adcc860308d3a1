#!/usr/bin/env bash
# check-package.sh ARCHIVE - unpack the archive "make package" made, as a user would, check what
# is in it, install it with its own Makefile both ways (as root: make install into a DESTDIR;
# as a user: make user-install into a throwaway HOME), validate the installed desktop entry, run
# the installed binary, and uninstall it again.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=packaging/lib.sh
. packaging/lib.sh

archive=$(realpath "${1:?usage: check-package.sh ARCHIVE}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)

tar -xJf "$archive" -C "$work"
pkg=$work/corepath
# Fyne lays the files out under usr/local, or usr where the machine that packs has no /usr/local.
local=local
[[ -d $pkg/usr/local ]] || local=
want="Makefile
usr/${local:+local/}bin/corepath
usr/${local:+local/}share/applications/$id.desktop
usr/${local:+local/}share/pixmaps/$id.png"
have=$(cd "$pkg" && find . -type f | sed 's|^\./||' | sort)
[[ $have == "$(sort <<<"$want")" ]] || fail "the archive holds
$have
instead of
$want"
check_png "$pkg/usr/${local:+local/}share/pixmaps/$id.png" 512

# make install, as root would, into a DESTDIR (where the Makefile picks PREFIX=/usr).
make --no-print-directory -C "$pkg" install DESTDIR="$work/root"
check_version "$version" "$work/root/usr/bin/corepath"
validate_desktop "$work/root/usr/share/applications/$id.desktop"
check_png "$work/root/usr/share/pixmaps/$id.png" 512
make --no-print-directory -C "$pkg" uninstall DESTDIR="$work/root"
[[ -z $(find "$work/root" -type f) ]] || fail "make uninstall left files behind"
echo "check-package: make install DESTDIR=..., and make uninstall: fine"

# make user-install, as a user would, into ~/.local.
mkdir "$work/home"
HOME=$work/home make --no-print-directory -C "$pkg" user-install
check_version "$version" "$work/home/.local/bin/corepath"
validate_desktop "$work/home/.local/share/applications/$id.desktop"
grep -qx "Exec=$work/home/.local/bin/corepath" "$work/home/.local/share/applications/$id.desktop" ||
	fail "the desktop entry does not run ~/.local/bin/corepath"
check_png "$work/home/.local/share/icons/$id.png" 512
HOME=$work/home make --no-print-directory -C "$pkg" user-uninstall
[[ -z $(find "$work/home" -type f) ]] || fail "make user-uninstall left files behind"
echo "check-package: make user-install, and make user-uninstall: fine"
echo "check-package: $archive: $(du -h "$archive" | cut -f1)"
