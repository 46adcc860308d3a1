#!/usr/bin/env bash
# e2e.sh APP CLI [OUT] - the end-to-end suite on the real desktop app (scripts/e2e/main.go):
# Xvfb inside a private D-Bus session bus, where the suite plays the tray host and the
# notification server. Screenshots and the app's logs go to OUT (build/e2e).
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-./corepath-app} cli=${2:-./corepath} out=${3:-build/e2e}
mkdir -p build "$out"
go build -o build/e2e-driver ./scripts/e2e
exec dbus-run-session -- build/e2e-driver -app "$app" -cli "$cli" -out "$out" ${E2E_DOCS:+-docs "$E2E_DOCS"}
