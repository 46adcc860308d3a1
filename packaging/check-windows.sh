#!/usr/bin/env bash
# check-windows.sh ZIP SETUP LINUX_TRANSCRIPT OUTDIR - test "make windows"'s archive and installer
# under Wine 10, in a Debian 13 root (Debian 12's Wine cannot start a Go 1.26 program), made once
# and kept in the CI cache folder (packaging/debian-root.sh):
#   - corepath.exe passes check-cli.sh, and its transcript is LINUX_TRANSCRIPT, line for line;
#   - its default data folder is under the user's application data;
#   - corepath.exe with no command opens corepath-app.exe, on a demo store under Xvfb; the app
#     draws its window (OUTDIR/windows-app.png is kept), corepath.exe logs a session while it is
#     open, and the app quits on Ctrl+Q with status 0;
#   - the installer installs silently for the user (the programs, a Start menu entry, an entry
#     in Apps), the installed corepath.exe runs, and the uninstaller removes all of it.
# Needs root, Xvfb, xdotool and netpbm (scripts/setup.sh platforms).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=packaging/debian-root.sh
. packaging/debian-root.sh
# shellcheck source=packaging/lib.sh
. packaging/lib.sh
zip=$(realpath "$1") setup=$(realpath "$2") linux=$(realpath "$3") out=$(realpath -m "$4")
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
mkdir -p "$out"

root=$(make_root trixie wine-trixie wine64 wine libgl1 libgl1-mesa-dri)
work=$(mktemp -d /tmp/corepath-windows.XXXXXX)
xpid= gui=
cleanup() {
	set +e # clean up all of it, whatever fails
	if [[ -n $gui ]]; then
		kill "$gui" 2>/dev/null
		in_root "$root" wineserver -k # the app, which the killed shell leaves running
	fi
	[[ -n $xpid ]] && kill "$xpid" 2>/dev/null
	wait 2>/dev/null
	unmount_under "$root" # the binds of a killed in_root
	rm -rf "$work"
}
trap cleanup EXIT
fail() {
	echo "check-windows: $*" >&2
	exit 1
}

unzip -q "$zip" -d "$work"
dir=$(dirname "$(ls "$work"/*/corepath.exe)")
cp packaging/check-cli.sh "$work/"
mkdir -m 700 "$work/xdg" # else Wine's sound and display parts complain on stderr
wine_env=(env WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml=" XDG_RUNTIME_DIR="$work/xdg")
# wine_run COMMAND...: COMMAND inside the root, with Wine's output quiet and without the dialogs
# that offer to download Mono and Gecko; it waits for wineserver to end before it returns.
wine_run() {
	in_root "$root" --bind "$work" --bind /tmp/.X11-unix "${wine_env[@]}" ${DISPLAY:+DISPLAY=$DISPLAY} bash -c '"$@"; status=$?; wineserver -w; exit $status' wine_run "$@"
}

wine_run env NATIVE_PATH=winepath bash "$work/check-cli.sh" "$work/windows-cli.txt" wine "$dir/corepath.exe"
cp "$work/windows-cli.txt" "$out/windows-cli.txt"
diff -u "$linux" "$out/windows-cli.txt" >"$out/windows-cli.diff" ||
	fail "corepath.exe's results differ from Linux's: $out/windows-cli.diff"
echo "check-windows: corepath.exe's transcript is Linux's ($(grep -c '^\$ ' "$linux") commands)"

where=$(wine_run wine "$dir/corepath.exe" where | tr -d '\r')
grep -q 'AppData\\Roaming\\fyne\\dev.corepath.app' <<<"$where" ||
	fail "the default data folder is not under the user's application data: $where"

. scripts/xvfb.sh
start_xvfb 200 249 || fail "no free X display"
export DISPLAY=$display

data='Z:'${work//\//\\}'\demo data'
wine_run wine "$dir/corepath.exe" --data "$data" demo >/dev/null
wine_run wine "$dir/corepath.exe" --data "$data" >"$work/app.log" 2>&1 &
gui=$!
colours=0
for _ in $(seq 120); do
	sleep 0.5
	kill -0 "$gui" 2>/dev/null || fail "the app exited before drawing: $(cat "$work/app.log")"
	colours=$(xwd -root -silent | xwdtopnm 2>/dev/null | ppmhist -noheader 2>/dev/null | wc -l)
	((colours > 50)) && break
done
((colours > 50)) || fail "the app's window stayed blank ($colours colours on screen)"
sleep 2 # the rest of the first screen
xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$out/windows-app.png"
echo "check-windows: corepath.exe opened corepath-app.exe, which drew its window ($colours colours): $out/windows-app.png"

# While the app is open, the command line still writes to the same store.
logged=$(in_root "$root" --bind "$work" "${wine_env[@]}" wine "$dir/corepath.exe" --data "$data" log 25m --topic BGP 2>&1 | tr -d '\r') ||
	fail "corepath.exe could not log while the app was open: $logged"
echo "check-windows: corepath.exe logged while the app was open: $logged"

window=$(timeout 10 xdotool search --sync --name '^Corepath$' | head -n 1)
xdotool windowfocus --sync "$window" key ctrl+q
for _ in $(seq 100); do
	kill -0 "$gui" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$gui" 2>/dev/null && fail "the app did not quit on Ctrl+Q"
status=0
wait "$gui" || status=$?
gui=
((status == 0)) || fail "the app exited with status $status: $(cat "$work/app.log")"
echo "check-windows: the app quit cleanly on Ctrl+Q, and corepath.exe with it"

# The installer, silently (/S), for this user; then its uninstaller, which copies itself away
# and returns at once: wine_run waits for every Wine process to end.
cp "$setup" "$work/"
wine_run wine "$work/$(basename "$setup")" /S
prefix=$root/root/.wine/drive_c/users/root
installed=$prefix/AppData/Local/Programs/Corepath
shortcut="$prefix/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Corepath.lnk"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Corepath'
for f in corepath-app.exe corepath.exe README.txt uninstall.exe; do
	[[ -f $installed/$f ]] || fail "the installer did not install $f"
done
[[ -f $shortcut ]] || fail "the installer made no Start menu entry"
wine_run wine reg query "$key" | grep -q "DisplayVersion.*$version" || fail "the installer did not register Corepath $version in Apps"
check_version "$version" wine_run wine 'C:\users\root\AppData\Local\Programs\Corepath\corepath.exe'
wine_run wine 'C:\users\root\AppData\Local\Programs\Corepath\uninstall.exe' /S
[[ ! -e $installed ]] || fail "the uninstaller left $(ls "$installed")"
[[ ! -e $shortcut ]] || fail "the uninstaller left the Start menu entry"
if wine_run wine reg query "$key" >/dev/null 2>&1; then fail "the uninstaller left Corepath in Apps"; fi
echo "check-windows: the installer installed Corepath for the user, and its uninstaller removed it"
