#!/usr/bin/env bash
# beside-cpu-hog.sh <command...>: runs the command beside a CPU hog — one process spinning at normal
# priority for the whole run, as a court's server is busy with other hearings on the day it matters.
# The recording tests run this way, so that a recorder whose start depends on an idle machine fails here.
set -euo pipefail
node -e 'for (;;) {}' &
hog=$!
trap 'kill "$hog" 2>/dev/null || true' EXIT
"$@"
