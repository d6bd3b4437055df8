#!/usr/bin/env bash
# Fleet benchmarks (issue 3): notice -> IMDS visibility, state change -> webhook delivery,
# 1,000 simultaneous interruptions, and a 10,000-instance fleet's start time and heap; each printed
# against a baseline measured in the same run. Needs java 17 and maven (to build the jar once).
# Usage: bench/fleet.sh [SAMPLES=200] [PARTS=all|webhook]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/spotsim" --version >/dev/null   # builds the jar when missing or stale
ulimit -n 65536 2>/dev/null || true
exec java -Xmx2g -Dsamples="${1:-200}" -Dparts="${2:-all}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$ROOT/cli/target/spotsim.jar" "$ROOT/bench/FleetBench.java"
