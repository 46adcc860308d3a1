#!/usr/bin/env bash
# test-sync.sh CLI - two Corepath stores kept in step by two real Syncthing instances.
# Each instance listens on 127.0.0.1 only, with global and local discovery, relays, NAT
# traversal, usage reporting and upgrades off, and shares one folder with the other. Each store
# syncs through its instance's copy of the folder. Both sides change data (a session logged on
# both, concurrent edits of one session while the two cannot reach each other, a delete, a
# running timer, a goal, an exam attempt, CE credits), and at the end the two stores' full
# exports must be equal.
set -euo pipefail
cli=$(realpath "${1:?usage: test-sync.sh path/to/corepath}")
command -v syncthing >/dev/null || { echo "test-sync: syncthing is not installed (make setup-test installs it)" >&2; exit 1; }
command -v curl >/dev/null || { echo "test-sync: curl is not installed (make setup-test installs it)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

fail() {
	echo "test-sync: FAIL: $*" >&2
	for i in 1 2; do echo "--- syncthing $i log (last lines)" >&2; tail -n 15 "$work/st$i.log" >&2 || true; done
	exit 1
}

free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	fail "no free port on 127.0.0.1"
}

apikey=corepath-sync-test-$RANDOM$RANDOM
for i in 1 2; do
	syncthing generate --home="$work/st$i" --no-default-folder >/dev/null 2>&1
	ids[i]=$(syncthing serve --home="$work/st$i" --device-id 2>/dev/null)
	listen[i]=$(free_port)
	gui[i]=$(free_port)
	mkdir -p "$work/folder$i/.stfolder"
done
version=$(sed -n 's/.*<configuration version="\([0-9]*\)".*/\1/p' "$work/st1/config.xml")

for i in 1 2; do
	cat >"$work/st$i/config.xml" <<XML
<configuration version="$version">
    <folder id="corepath" label="Corepath" path="$work/folder$i" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="${ids[1]}"></device>
        <device id="${ids[2]}"></device>
    </folder>
    <device id="${ids[1]}" name="one" compression="metadata" introducer="false"><address>tcp://127.0.0.1:${listen[1]}</address></device>
    <device id="${ids[2]}" name="two" compression="metadata" introducer="false"><address>tcp://127.0.0.1:${listen[2]}</address></device>
    <gui enabled="true" tls="false"><address>127.0.0.1:${gui[i]}</address><apikey>$apikey</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${listen[i]}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <announceLANAddresses>false</announceLANAddresses>
    </options>
</configuration>
XML
	STNODEFAULTFOLDER=1 STNOUPGRADE=1 syncthing serve --home="$work/st$i" --no-browser --no-restart --no-upgrade >"$work/st$i.log" 2>&1 &
	pids+=($!)
done

api() { # api N METHOD PATH
	curl -fsS -X "$2" -H "X-API-Key: $apikey" "http://127.0.0.1:${gui[$1]}$3"
}
for i in 1 2; do
	for _ in $(seq 100); do api "$i" GET /rest/system/ping >/dev/null 2>&1 && break; sleep 0.2; done
	api "$i" GET /rest/system/ping >/dev/null || fail "syncthing $i did not start"
done

cp1() { "$cli" --data "$work/data1" "$@"; }
cp2() { "$cli" --data "$work/data2" "$@"; }

# in_step waits until both copies of the folder hold the same Corepath files.
in_step() {
	local start=$SECONDS
	while ((SECONDS - start < 90)); do
		# A file Syncthing has not copied yet is missing, not a failure: look again.
		a=$(cd "$work/folder1" && sha256sum -- *.journal *.snapshot 2>/dev/null | sort) || true
		b=$(cd "$work/folder2" && sha256sum -- *.journal *.snapshot 2>/dev/null | sort) || true
		if [[ -n $a && $a == "$b" ]]; then
			return 0
		fi
		sleep 0.3
	done
	fail "the two folders were not in step after 90 seconds"
}

# converge syncs both stores until their exports are equal, which must take at most 3 rounds.
converge() {
	local start=$SECONDS
	for round in 1 2 3; do
		in_step
		cp1 sync now >/dev/null
		cp2 sync now >/dev/null
		in_step
		if diff <(cp1 export --format json | grep -v '"exported"') <(cp2 export --format json | grep -v '"exported"') >/dev/null; then
			echo "test-sync: the stores are equal after $round round(s), $((SECONDS - start)) s"
			return 0
		fi
	done
	diff <(cp1 export --format json | grep -v '"exported"') <(cp2 export --format json | grep -v '"exported"') | head -20 >&2
	fail "the stores differ"
}

# Both stores have data before sync is on; one session is on both.
cp1 log 45m --topic BGP --at "2026-11-20 18:00" --note "route reflectors" >/dev/null
cp1 log 1h --topic OSPF --at "2026-11-21 18:00" >/dev/null
cp2 log 1h --topic OSPF --at "2026-11-21 18:00" >/dev/null
cp2 log 30m --topic MPLS --at "2026-11-22 07:00" --note "LDP" >/dev/null
cp1 sync set "$work/folder1" --name one >/dev/null
cp2 sync set "$work/folder2" --name two >/dev/null
converge
count=$(cp1 sessions | grep -c '^[0-9a-f]\{8\}' || true)
[[ $count == 3 ]] || { cp1 sessions >&2; fail "the first sync left $count sessions, want 3 (the one on both kept once)"; }

# The two cannot reach each other: both edit the same session, one deletes another, one starts
# a timer, a goal changes, and each records something of the certification.
id=$(cp1 sessions --topic BGP | awk 'NR == 1 {print $1}')
mpls=$(cp1 sessions --topic MPLS | awk 'NR == 1 {print $1}')
api 1 POST "/rest/system/pause?device=${ids[2]}" >/dev/null
api 2 POST "/rest/system/pause?device=${ids[1]}" >/dev/null
cp2 edit "$id" --note "edited on two" >/dev/null
sleep 0.1
cp1 edit "$id" --note "edited on one" >/dev/null
cp2 delete "$mpls" >/dev/null
cp1 start --topic IS-IS >/dev/null
cp2 goal --weekly 12 >/dev/null
cp1 exam add SPCOR --kind practice --date 2026-11-20 --domain 2.0=70 >/dev/null
cp2 ce add "SPAUI course" --credits 24 --date 2026-07-01 >/dev/null
sleep 2
api 1 POST "/rest/system/resume?device=${ids[2]}" >/dev/null
api 2 POST "/rest/system/resume?device=${ids[1]}" >/dev/null
converge

note=$(cp2 sessions --json | grep -c '"note": "edited on one"' || true)
[[ $note == 1 ]] || fail "the later edit (on one) did not win on two"
# has COMMAND... -- PATTERN: the command succeeds and its whole output matches (grep -q on a pipe
# would stop reading early, and the command's SIGPIPE would fail the pipeline).
has() {
	local out pattern=${*: -1}
	out=$("${@:1:$#-2}") || return 1
	grep -q -- "$pattern" <<<"$out"
}
has cp2 sessions --topic MPLS -- '^[0-9a-f]\{8\}' && fail "the deleted session came back"
has cp2 status -- 'IS-IS' || fail "the timer started on one is not running on two"
has cp2 sync status -- '"edited on two", edited on two (this device)' || { cp2 sync status >&2; fail "two was not told that its edit lost"; }
has cp2 exam list -- SPCOR || fail "the practice exam recorded on one is not on two"
has cp1 ce list -- SPAUI || fail "the CE credits recorded on two are not on one"
echo "test-sync: ok (Syncthing $(syncthing --version | awk '{print $2}'), two stores equal after concurrent edits, a delete, a timer, a goal, an exam attempt and CE credits)"
