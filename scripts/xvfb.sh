# Sourced by the scripts that start a program in a virtual display.
# start_xvfb FIRST LAST starts Xvfb at 1280x800 on the first free display from :FIRST to :LAST,
# waits for its socket, and sets display and xpid. Each script takes its own range, so that
# scripts run side by side never share a display.
start_xvfb() {
	display=
	local d
	for d in $(seq "$1" "$2"); do
		if [[ ! -e /tmp/.X$d-lock && ! -e /tmp/.X11-unix/X$d ]]; then display=:$d; break; fi
	done
	[[ -n $display ]] || return 1
	Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
	xpid=$!
	for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
}
