#!/usr/bin/env bash
# check-imports.sh - the rule of who may import whom (ARCHITECTURE.md), checked on every build:
# tracker and atomicfile import no package of the project; resources imports only tracker;
# storage, exchange and replica import only tracker and atomicfile; the app never imports storage (it gets a store from main); and the command line
# binary, cmd/corepath, links no Fyne at all, so that it starts in a millisecond.
set -euo pipefail
cd "$(dirname "$0")/.."
tags=migrated_fynedo
status=0
allowed() {
	case $1 in
	corepath/tracker | corepath/atomicfile) echo "" ;;
	corepath/resources) echo "corepath/tracker" ;;
	corepath/storage | corepath/exchange | corepath/replica) echo "corepath/tracker corepath/atomicfile" ;;
	corepath/app) echo "corepath/tracker corepath/resources corepath/exchange corepath/replica corepath/atomicfile" ;;
	corepath/cli) echo "corepath/tracker corepath/resources corepath/exchange corepath/replica corepath/storage" ;;
	*) echo "*" ;; # main packages, the bench and the end-to-end driver wire the rest together
	esac
}
while read -r pkg imports; do
	rule=$(allowed "$pkg")
	[[ $rule == "*" ]] && continue
	for imp in $imports; do
		[[ $imp == corepath* ]] || continue
		[[ " $rule " == *" $imp "* ]] && continue
		echo "check-imports: $pkg imports $imp, which the architecture does not allow" >&2
		status=1
	done
done < <(go list -tags $tags -f '{{.ImportPath}} {{join .Imports " "}}' ./...)
if go list -deps ./cmd/corepath | grep -q '^fyne.io/'; then
	echo "check-imports: cmd/corepath links Fyne; the command line must stay pure Go" >&2
	status=1
fi
exit $status
