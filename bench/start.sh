#!/usr/bin/env bash
# `spotsim serve` start-up: time from launch to the first 200 from IMDS, the RSS and the CPU time the
# JVM has used at that moment; the median of RUNS runs each way, in one run of this script:
#   launcher  - ./spotsim serve as users start it (its JVM flags and class-data sharing archive)
#   plain JVM - java -jar spotsim.jar serve with the JVM's defaults (how serve started before)
#   floor     - java -version with the JVM's defaults: what any JVM start costs on this machine now
# Wall-clock times on a busy machine swing widely; CPU time and the ratios to the same run's
# baseline are the figures to compare. Needs java 17, maven (to build the jar once), curl.
# Usage: bench/start.sh [RUNS=5]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
OUT="$ROOT/bench/out/start"
JAR="$ROOT/cli/target/spotsim.jar"
mkdir -p "$OUT"
"$ROOT/spotsim" --version >/dev/null   # builds the jar when missing or stale
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
free_port() {
  local p
  for p in $(seq 27000 2 28998); do
    [ "$(ss -Htln "sport = :$p or sport = :$((p + 1))" | wc -l)" -eq 0 ] && { echo "$p"; return; }
  done
  echo "bench: no free port" >&2; exit 1
}

# one_start KIND : prints "ms rss-MiB cpu-ms" for one start of serve, then stops it
one_start() {
  local kind=$1 port t0 t1 rss cpu
  port=$(free_port)
  t0=$(now_ms)
  case $kind in
    launcher) (cd "$OUT" && exec "$ROOT/spotsim" serve --port "$port" --control-port "$((port + 1))" >"$OUT/serve-$kind.log" 2>&1) & ;;
    plain) (cd "$OUT" && exec java --add-opens=java.base/java.lang=ALL-UNNAMED -jar "$JAR" serve --port "$port" --control-port "$((port + 1))" \
             >"$OUT/serve-$kind.log" 2>&1) & ;;
  esac
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/latest/meta-data/instance-id" 2>/dev/null; do
    kill -0 "$PID" 2>/dev/null || { echo "bench: serve ($kind) ended; see $OUT/serve-$kind.log" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(now_ms)
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status")
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$PID/stat")
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  echo "$((t1 - t0)) $rss $cpu"
}

floor_start() {
  local t0 t1
  t0=$(now_ms); java -version 2>/dev/null; t1=$(now_ms)
  echo "$((t1 - t0)) 0 0"
}

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

"$ROOT/spotsim" serve --help >/dev/null   # makes the launcher's class-data sharing archive when missing
echo "== serve start-up, $RUNS runs each, median; $(nproc) cores; $(uptime)"
: >"$OUT/runs.txt"
for i in $(seq "$RUNS"); do   # interleaved, so a busy spell hits every kind alike
  echo "launcher $(one_start launcher)" >>"$OUT/runs.txt"
  echo "plain $(one_start plain)" >>"$OUT/runs.txt"
  echo "floor $(floor_start)" >>"$OUT/runs.txt"
done
col() { awk -v k="$1" -v c="$2" '$1 == k {print $c}' "$OUT/runs.txt" | median; }
printf '%-44s %14s %10s %12s\n' "start of serve to the first IMDS 200" "time (ms)" "RSS (MiB)" "CPU (ms)"
printf '%-44s %14s %10s %12s\n' "./spotsim serve (launcher flags, AppCDS)" "$(col launcher 2)" "$(col launcher 3)" "$(col launcher 4)"
printf '%-44s %14s %10s %12s\n' "baseline: java -jar, JVM defaults" "$(col plain 2)" "$(col plain 3)" "$(col plain 4)"
printf '%-44s %14s %10s %12s\n' "floor: java -version" "$(col floor 2)" "-" "-"
awk -v lt="$(col launcher 2)" -v pt="$(col plain 2)" -v lr="$(col launcher 3)" -v pr="$(col plain 3)" -v lc="$(col launcher 4)" \
    -v pc="$(col plain 4)" -v f="$(col floor 2)" 'BEGIN {
  printf "launcher / baseline: time %.2f, RSS %.2f, CPU %.2f; launcher time / java -version %.1f\n", lt / pt, lr / pr, lc / pc, lt / f }'
echo "every run: $OUT/runs.txt; $(uptime)"
