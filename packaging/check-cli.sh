#!/usr/bin/env bash
# check-cli.sh TRANSCRIPT COMMAND... - the command line's end-to-end test, the same on every
# platform: COMMAND is "./corepath" on Linux, "wine corepath.exe" for Windows. It checks the
# version, logs, runs the timer, reports, edits, deletes, exports, imports (a Toggl CSV with
# Windows line endings), backs up, restores, and meets a damaged store, in a data folder whose
# name has a space, and checks each result. TRANSCRIPT gets every command's output, with what
# differs by machine replaced (ids, the folders, the clock in backup names, in the timer and in
# a backup's date; \ becomes /), so that two platforms' transcripts can be compared:
# check-windows.sh requires Windows's to be Linux's.
#   NATIVE_PATH=winepath   turn this machine's paths into the program's (wine: winepath -w)
set -euo pipefail
transcript=$(realpath -m "$1")
shift
cmd=("$@")
# wine prints its own chatter on stderr; the program's stderr is kept apart from it below.
export WINEDEBUG=-all TZ=UTC

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
	echo "check-cli: $*" >&2
	[[ -f $work/out ]] && sed 's/^/  output: /' "$work/out" >&2
	exit 1
}
native() {
	if [[ -n ${NATIVE_PATH:-} ]]; then "$NATIVE_PATH" -w "$1" | tr -d '\r'; else echo "$1"; fi
}

mkdir -p "$work/My Data" "$work/in"
data=$(native "$work/My Data")
win_in=$(native "$work/in")
sep=/
[[ $data == *\\* ]] && sep=\\
mkdir -p "$(dirname "$transcript")"
: >"$transcript"

# run ARGS...: the command on the data folder; its output (stdout then stderr) is in $work/out,
# its exit status in $status, and both, normalized, in the transcript: ids, paths and times,
# the day a session was deleted, and the number a backup's name takes when another was taken in the same second (-2), which
# depends on how fast the platform runs the commands before.
run() {
	status=0
	"${cmd[@]}" --data "$data" "$@" >"$work/out" 2>"$work/err" || status=$?
	tr -d '\r' <"$work/err" >>"$work/out"
	tr -d '\r' <"$work/out" >"$work/out.lf" && mv "$work/out.lf" "$work/out"
	{ echo "\$ corepath $*" && cat "$work/out"; } >"$work/shown"
	{
		sed -e "s|$(sed 's/[\\|.&*^$[]/\\&/g' <<<"$data")|<data>|g" \
			-e "s|$(sed 's/[\\|.&*^$[]/\\&/g' <<<"$win_in")|<in>|g" -e "s|$work/in|<in>|g" \
			-e 's/[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}/<id>/g' \
			-e 's/[0-9]\{8\}-[0-9]\{6\}/<time>/g' -e 's/<time>-[0-9]\{1,\}\.db/<time>.db/g' \
			-e 's/^\(Running: .* for \)[0-9hms]*,/\1<elapsed>,/' \
			-e 's/deleted here on 20[0-9-]*/deleted here on <day>/' -e 's/taken 20[0-9-]* [0-9][0-9]:[0-9][0-9]/taken <when>/g' -e 's/(20[0-9-]* [0-9:]*)/(<when>)/' -e 's/\([Ss]tarted\( MPLS\)\{0,1\} at\|since\) [0-9][0-9]:[0-9][0-9]/\1 <clock>/' \
			-e 's|\\|/|g' "$work/shown"
		echo "[exit $status]"
	} >>"$transcript"
}
# expect STATUS TEXT: the last command exited with STATUS and said TEXT (a grep -E pattern).
expect() {
	((status == $1)) || fail "exit status $status, not $1"
	grep -Eq -- "$2" "$work/out" || fail "the output does not say: $2"
}
first_id() { grep -Eo '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' "$work/out" | head -n 1; }

# A real version from FyneApp.toml (and the commit), never "dev".
run --version
expect 0 '^corepath [0-9]+\.[0-9]+\.[0-9]+( \(.*\))?$'
run log 45m --topic BGP --at "2026-11-20 18:00" --tag lab --note "route reflectors"
expect 0 'Logged 45m of BGP, Fri 2026-11-20 18:00–18:45'
bgp=$(first_id)
run log 1h30m --topic ospf --at "2026-11-21 09:00"
expect 0 'Logged 1h30m of OSPF'

# The timer: started now (a start over 24 hours ago is refused), seen running, discarded; then
# the 50 minutes it would have been, logged on a day of their own.
run start --topic MPLS --at "2026-11-22 10:00"
expect 2 'more than 24 hours ago'
run start --topic MPLS
expect 0 'Started MPLS at'
run status
expect 0 'Running: MPLS'
run cancel
expect 0 'Discarded the timer for MPLS'
run status
expect 0 'No timer'
run log 50m --topic MPLS --at "2026-11-22 10:00" --note "LDP sync"
expect 0 'Logged 50m of MPLS'

run sessions --from 2026-11-01 --to 2026-11-30
expect 0 '3 sessions, 3h5m'
run edit "$bgp" --duration 1h
expect 0 'BGP'
run sessions --topic BGP --from 2026-11-01 --to 2026-11-30
expect 0 '1 session, 1h$'

run export --format csv --from 2026-11-01 --to 2026-11-30 -o "$win_in${sep}sessions in november.csv"
expect 0 '3 sessions'
[[ $(grep -c . "$work/in/sessions in november.csv") == 4 ]] || fail "the CSV export has not a header and 3 rows"
run export --format ical -o "$win_in${sep}study.ics"
expect 0 'study.ics'
grep -q 'BEGIN:VCALENDAR' "$work/in/study.ics" || fail "the iCalendar export has no VCALENDAR"
run export --format json -o "$win_in${sep}all.json"
expect 0 'all.json'

run delete "$bgp"
expect 0 'To log it again: corepath (--data .+ )?log 1h --topic BGP'
run sessions --from 2026-11-01 --to 2026-11-30
expect 0 '2 sessions'
run import "$win_in${sep}all.json"
expect 0 'so not brought back'
run import "$win_in${sep}all.json" --with-deleted
expect 0 'Added 1 session'
run sessions --from 2026-11-01 --to 2026-11-30
expect 0 '3 sessions, 3h20m'

# A Toggl report as a Windows spreadsheet saves it: CRLF line endings.
printf '%s\r\n' "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()" \
	"Ada,a@x,,IS-IS,,levels,No,2026-11-23,18:00,2026-11-23,19:15,1:15,,"  >"$work/in/toggl report.csv"
run import "$win_in${sep}toggl report.csv"
expect 0 'Added 1 session'
run sessions --topic IS-IS --from 2026-11-01 --to 2026-11-30
expect 0 '1h15m'

run backup
expect 0 'Backed up .*backups.corepath-manual-'
backup=$(ls "$work/My Data/backups/"corepath-manual-*.db)
[[ -n $(ls "$work/My Data/backups/"corepath-daily-*.db) ]] || fail "no daily backup beside the store"
run backup -o "$win_in${sep}copy of my data.db"
expect 0 'copy of my data.db'
run log 20m --topic BGP --at "2026-11-24 07:00"
expect 0 'Logged 20m of BGP'
run restore "$(native "$backup")"
expect 0 'Restored'
run sessions --from 2026-11-01 --to 2026-11-30
expect 0 '4 sessions, 4h35m'

run report --all
expect 0 'All time: 4h35m in 4 sessions'

# A damaged store: the command fails, says so and names the backup to restore; restoring it
# brings the data back.
head -c 8192 /dev/urandom >"$work/My Data/corepath.db"
run report --all
expect 1 'cannot be read as Corepath data'
grep -q 'restore' "$work/out" || fail "the damaged store's message does not say how to restore"
run restore "$win_in${sep}copy of my data.db"
expect 0 'Restored'
run report --all
expect 0 'All time: 4h35m in 4 sessions'
echo "check-cli: ${cmd[*]}: $(grep -c '^\$ ' "$transcript") commands gave the expected results"
