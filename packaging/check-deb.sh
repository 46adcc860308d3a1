#!/usr/bin/env bash
# check-deb.sh DEB OUTDIR - test "make deb"'s package as a user gets it: lintian, then on a copy
# of a clean Debian 12 root (debootstrap's minbase, made once in the CI cache folder):
#   - "apt-get install ./corepath_...deb" installs it and its dependencies from the mirror;
#   - a user's corepath log and report work from the installed paths;
#   - desktop-file-validate and appstreamcli validate pass on the installed files;
#   - the installed corepath-app starts under Xvfb, draws (OUTDIR/deb-app.png) and quits;
#   - apt-get remove, dpkg --purge and apt-get autoremove leave nothing but the user's data.
# Needs root, Xvfb, xdotool, netpbm, lintian and the validators (scripts/setup.sh platforms).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=packaging/debian-root.sh
. packaging/debian-root.sh
# shellcheck source=packaging/lib.sh
. packaging/lib.sh
deb=$(realpath "$1") out=$(realpath -m "$2")
mkdir -p "$out"
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)

# lintian: no error and no warning (the overrides in packaging/deb say why each is there).
lintian --fail-on error,warning "$deb" >"$out/lintian.txt" 2>&1 || fail "lintian: $(cat "$out/lintian.txt")"
echo "check-deb: lintian passes ($(grep -c '^[EWIPXO]: ' "$out/lintian.txt") notes, in $out/lintian.txt)"

clean=$(make_root bookworm clean-bookworm)
root=$cache/roots/deb-test.$$
xpid= gui=
cleanup() {
	set +e # clean up all of it, whatever fails
	[[ -n $gui ]] && kill "$gui" 2>/dev/null
	[[ -n $xpid ]] && kill "$xpid" 2>/dev/null
	wait 2>/dev/null
	unmount_under "$root" # never delete through a bind: the host's X sockets are bound in
	rm -rf --one-file-system "$root"
}
trap cleanup EXIT
cp -a "$clean" "$root"
mkdir -p "$cache/apt-archives/partial" # downloads kept between runs
cp "$deb" "$root/tmp/"
mkdir -p "$cache/apt-archives/partial" # the dependencies' downloads, kept for the next run
apt_get() { in_root "$root" --bind "$cache/apt-archives" apt-get -o Dir::Cache::Archives="$cache/apt-archives/" "$@"; }

# What is on the clean root, to compare with what is left after the removal.
snapshot() {
	in_root "$root" find / -xdev \( -path /proc -o -path /tmp -o -path /run -o -path /var/cache -o -path /var/log \
		-o -path /var/lib/apt -o -path /var/lib/dpkg \) -prune -o -print | sort
}
apt_get update -qq >"$out/deb-install.log" 2>&1 || fail "apt-get update failed: $(cat "$out/deb-install.log")"
snapshot >"$out/deb-before.txt"
apt_get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$out/deb-install.log" 2>&1 ||
	fail "apt-get install ./$(basename "$deb") failed: $(tail -n 20 "$out/deb-install.log")"
echo "check-deb: apt-get install ./$(basename "$deb") installed it on a clean Debian 12"

in_root "$root" useradd -m ada
as_ada() { in_root "$root" runuser -u ada -- env HOME=/home/ada "$@"; }
check_version "$version" as_ada /usr/bin/corepath
logged=$(as_ada corepath log 45m --topic BGP --at "2026-11-20 18:00" 2>&1) || fail "corepath log failed: $logged"
grep -q 'Logged 45m of BGP' <<<"$logged" || fail "corepath log said: $logged"
report=$(as_ada corepath report --all 2>&1) || fail "corepath report failed: $report"
grep -q 'All time: 45m in 1 session' <<<"$report" || fail "corepath report said: $report"
[[ -f $root/home/ada/.config/fyne/dev.corepath.app/corepath.db ]] || fail "the store is not in the user's data folder"
echo "check-deb: a user's corepath log and report work from /usr/bin"

validate_desktop "$root/usr/share/applications/$id.desktop"
grep -qx 'Exec=/usr/bin/corepath' "$root/usr/share/applications/$id.desktop" || fail "the desktop entry does not run /usr/bin/corepath"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" >"$out/appstream.log" 2>&1 ||
	fail "appstreamcli validate: $(cat "$out/appstream.log")"
for size in 16 32 48 64 128 256 512; do
	check_png "$root/usr/share/icons/hicolor/${size}x$size/apps/$id.png" "$size"
done
echo "check-deb: the installed desktop entry, AppStream metadata and icons validate"

# The installed app, with only the libraries the package's dependencies brought in.
. scripts/xvfb.sh
start_xvfb 250 299 || fail "no free X display"
in_root "$root" --bind /tmp/.X11-unix runuser -u ada -- env HOME=/home/ada DISPLAY="$display" corepath-app >"$out/deb-app.log" 2>&1 &
gui=$!
colours=0
for _ in $(seq 60); do
	sleep 0.5
	kill -0 "$gui" 2>/dev/null || fail "the installed app exited before drawing: $(cat "$out/deb-app.log")"
	colours=$(DISPLAY=$display xwd -root -silent | xwdtopnm 2>/dev/null | ppmhist -noheader 2>/dev/null | wc -l)
	((colours > 50)) && break
done
((colours > 50)) || fail "the installed app's window stayed blank"
sleep 1
DISPLAY=$display xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$out/deb-app.png"
timeout 5 env DISPLAY="$display" xdotool key ctrl+q
for _ in $(seq 50); do
	kill -0 "$gui" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$gui" 2>/dev/null && fail "the installed app did not quit on Ctrl+Q"
status=0
wait "$gui" || status=$?
gui=
((status == 0)) || fail "the installed app exited with status $status: $(cat "$out/deb-app.log")"
echo "check-deb: the installed corepath-app drew its window ($colours colours: $out/deb-app.png) and quit"

in_root "$root" dpkg -L corepath | sort >"$out/deb-files.txt"
apt_get remove -y -q corepath >>"$out/deb-install.log" 2>&1 || fail "apt-get remove corepath failed"
while read -r f; do
	[[ -f $root$f || -L $root$f ]] && fail "apt-get remove left $f"
done <"$out/deb-files.txt"
# A package that has left the archive's lists is purged with dpkg (apt-get purge cannot find it).
in_root "$root" dpkg --purge corepath >>"$out/deb-install.log" 2>&1 || fail "dpkg --purge corepath failed"
if in_root "$root" dpkg-query -W corepath >/dev/null 2>&1; then fail "dpkg still knows corepath after the purge"; fi
apt_get autoremove --purge -y -q >>"$out/deb-install.log" 2>&1 || fail "apt-get autoremove failed"
snapshot >"$out/deb-after.txt"
left=$(comm -13 "$out/deb-before.txt" "$out/deb-after.txt" | grep -v '^/home/ada' | grep -v '^/etc/\(passwd\|group\|shadow\|gshadow\|subuid\|subgid\)-\?$' || true)
[[ -z $left ]] || fail "after remove, purge and autoremove, these are left: $left"
[[ -f $root/home/ada/.config/fyne/dev.corepath.app/corepath.db ]] || fail "the removal took the user's data"
echo "check-deb: apt-get remove and purge left nothing but the user's data ($(wc -l <"$out/deb-files.txt") paths removed)"
