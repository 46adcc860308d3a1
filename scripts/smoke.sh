#!/usr/bin/env bash
# smoke.sh BINARY - start the real app under Xvfb on a demo store, check that it draws a
# window that is not blank, move it, quit it with Ctrl+Q and check that it exits cleanly; then
# start it again and check that the window comes back where it was left.
set -euo pipefail
bin=$(realpath "${1:-./corepath}")
work=$(mktemp -d)
xpid= apid=
cleanup() {
	[[ -n $apid ]] && kill -9 "$apid" 2>/dev/null || true
	[[ -n $xpid ]] && kill "$xpid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "smoke: $*" >&2; [[ -f $work/app.log ]] && sed 's/^/  app: /' "$work/app.log" >&2; exit 1; }

"$bin" demo --data "$work/data" >/dev/null

# An export to a pipe or a device is written into it: a file renamed over it would take its
# place (over /dev/null, run as root, for every program on the machine).
mkfifo "$work/fifo"
"$bin" --data "$work/data" export --format csv -o "$work/fifo" 2>"$work/fifo.log" &
header=$(timeout 10 head -1 "$work/fifo" || true)
wait $! || fail "export -o FIFO: $(cat "$work/fifo.log")"
[[ -p $work/fifo && $header == id,start,end,* ]] || fail "export -o FIFO: read \"$header\"; the FIFO is $(stat -c %F "$work/fifo")"
header=$("$bin" --data "$work/data" export --format csv -o /dev/stdout 2>/dev/null | head -1)
[[ $header == id,start,end,* ]] || fail "export -o /dev/stdout | head -1: \"$header\""
echo "smoke: an export into a FIFO and to /dev/stdout is written through them ($header)"

# With no display (an SSH session), corepath with no command says so instead of crashing, and
# so does a display that is set but cannot be reached.
for display_env in "-u DISPLAY -u WAYLAND_DISPLAY" "-u WAYLAND_DISPLAY DISPLAY=:199.0"; do
	status=0
	# shellcheck disable=SC2086 # the words are env's arguments
	env $display_env HOME="$work" "$bin" --data "$work/data" >"$work/nodisplay.log" 2>&1 || status=$?
	if ((status == 0)) || grep -q 'panic\|goroutine' "$work/nodisplay.log" || ! grep -q 'corepath --help' "$work/nodisplay.log"; then
		fail "with env $display_env: exit $status, $(cat "$work/nodisplay.log")"
	fi
done
echo "smoke: with no display, or one that cannot be reached, the app says so ($(head -c 60 "$work/nodisplay.log")…)"

. "$(dirname "$0")/xvfb.sh"
start_xvfb 150 199 || fail "no free X display"

mkdir -p "$work/home"
start_app() {
	DISPLAY=$display HOME=$work/home "$bin" --data "$work/data" >"$work/app.log" 2>&1 &
	apid=$!
}

# quit_app sends Ctrl+Q (the window has the focus: there is no window manager) and waits.
quit_app() {
	timeout 5 env DISPLAY=$display xdotool key ctrl+q
	for _ in $(seq 50); do
		kill -0 "$apid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$apid" 2>/dev/null; then fail "the app did not quit on Ctrl+Q"; fi
	wait "$apid" && status=0 || status=$?
	apid=
	((status == 0)) || fail "the app exited with status $status"
}

window() { timeout 10 env DISPLAY=$display xdotool search --sync --name '^Corepath$' | head -n 1; }

start_app
colours=0
for _ in $(seq 40); do
	sleep 0.25
	kill -0 "$apid" 2>/dev/null || fail "the app exited before drawing"
	colours=$(DISPLAY=$display xwd -root -silent | xwdtopnm 2>/dev/null | ppmhist -noheader 2>/dev/null | wc -l)
	((colours > 50)) && break
done
((colours > 50)) || fail "the window stayed blank ($colours colours on screen)"
echo "smoke: the app drew its window ($colours colours)"

DISPLAY=$display xdotool windowmove "$(window)" 120 90
sleep 0.3
quit_app
echo "smoke: the app quit cleanly on Ctrl+Q"

start_app
# The app moves its window a moment after showing it; on a busy machine that moment comes late.
win=$(window)
for _ in $(seq 50); do
	sleep 0.1
	where=$(DISPLAY=$display xdotool getwindowgeometry "$win" | sed -n 's/.*Position: \([0-9]*,[0-9]*\).*/\1/p')
	[[ $where == 120,90 ]] && break
done
[[ $where == 120,90 ]] || fail "the window came back at $where, not where it was left (120,90)"
echo "smoke: the window came back where it was left"
quit_app
