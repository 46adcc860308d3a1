#!/usr/bin/env bash
# check-install.sh - run "make install" into throwaway folders the two ways the README gives (as
# root: DESTDIR with PREFIX=/usr/local; as a user: the default PREFIX, ~/.local of a throwaway
# HOME), check every file, validate the desktop entry and the AppStream metadata, run the
# installed binary, then "make uninstall" and check that nothing is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=packaging/lib.sh
. packaging/lib.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
grep -q "<release version=\"$version\"" "packaging/$id.metainfo.xml" ||
	fail "packaging/$id.metainfo.xml has no <release> for version $version (FyneApp.toml)"

# check ROOT PREFIX: what make install put under ROOT for PREFIX.
check() {
	local root=$1 prefix=$2
	local share=$root$prefix/share
	[[ -x $root$prefix/bin/corepath ]] || fail "no $prefix/bin/corepath"
	check_version "$version" "$root$prefix/bin/corepath"
	[[ -x $root$prefix/bin/corepath-app ]] || fail "no $prefix/bin/corepath-app"
	check_version "$version" "$root$prefix/bin/corepath-app"
	validate_desktop "$share/applications/$id.desktop"
	grep -qx "Exec=$prefix/bin/corepath" "$share/applications/$id.desktop" ||
		fail "the desktop entry does not run $prefix/bin/corepath"
	appstreamcli validate --no-net "$share/metainfo/$id.metainfo.xml" >"$work/appstream.log" 2>&1 ||
		fail "appstreamcli validate failed: $(cat "$work/appstream.log")"
	for size in 16 32 48 64 128 256 512; do
		check_png "$share/icons/hicolor/${size}x$size/apps/$id.png" "$size"
	done
	[[ -f $share/icons/hicolor/scalable/apps/$id.svg ]] || fail "no scalable icon"
}

# gone ROOT: make uninstall left no file under ROOT.
gone() {
	local left
	left=$(find "$1" -type f)
	[[ -z $left ]] || fail "make uninstall left $left"
}

make --no-print-directory install DESTDIR="$work/root" PREFIX=/usr/local
check "$work/root" /usr/local
make --no-print-directory uninstall DESTDIR="$work/root" PREFIX=/usr/local
gone "$work/root"
echo "check-install: make install DESTDIR=... PREFIX=/usr/local, and make uninstall: fine"

# The Go build cache and modules stay where they are while HOME is elsewhere.
GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE) GOPATH=$(go env GOPATH)
export GOCACHE GOMODCACHE GOPATH
mkdir "$work/home"
HOME=$work/home make --no-print-directory install
check "" "$work/home/.local"
HOME=$work/home make --no-print-directory uninstall
gone "$work/home/.local" # (go itself writes its telemetry under HOME)
echo "check-install: make install (to ~/.local), and make uninstall: fine"
