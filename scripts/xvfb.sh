# Sourced by the scripts that start a program in a virtual display.
# start_xvfb FIRST LAST starts Xvfb at 1280x800 on the first free display from :FIRST to :LAST,
# waits for its socket, and sets display and xpid. Each script takes its own range, so that
# scripts run side by side never share a display.
start_xvfb() {
	display=
	local d
	for d in $(seq "$1" "$2"); do
		if display_free "$d"; then display=:$d; break; fi
	done
	[[ -n $display ]] || return 1
	rm -f "/tmp/.X${display#:}-lock" "/tmp/.X11-unix/X${display#:}" # a dead server's, so that the wait below is for this one
	Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
	xpid=$!
	for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
}

# display_free D: display :D has no server: no lock file and no socket, or a lock file left by
# a server no longer running (killed without its cleanup), which Xvfb takes over as every X
# server does. Such files would otherwise use up the range over time.
display_free() {
	local lock=/tmp/.X$1-lock pid
	if [[ ! -e $lock ]]; then
		[[ ! -e /tmp/.X11-unix/X$1 ]]
		return
	fi
	pid=$(tr -d ' \n' <"$lock" 2>/dev/null)
	[[ $pid =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2>/dev/null
}
