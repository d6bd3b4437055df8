# Shared by the wrk benchmarks (imds.sh, balancer.sh): sourced after ROOT and OUT are set.
# Checks the tools, builds the jar once, stops every process listed in PIDS on exit, and the helpers
# each script needs: free loopback ports, waiting for a URL, wrk's latency units in milliseconds.

PIDS=()

for tool in wrk curl java nginx; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk nginx)" >&2; exit 1; }
done
mkdir -p "$OUT"
"$ROOT/spotsim" --version >/dev/null   # builds the jar when missing or stale

cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_ports N : the first of a block of N consecutive free loopback ports.
free_ports() {
  local want=$1 base
  for base in $(seq 20000 1500 60000); do
    if [ "$(ss -Htln "sport >= :$base and sport <= :$((base + want))" | wc -l)" -eq 0 ]; then echo "$base"; return; fi
  done
  echo "bench: no block of $want free ports" >&2; exit 1
}

# wait_ready URL : polls until the URL answers 200; fails after 180 s (a busy machine starts slowly).
wait_ready() {
  local deadline=$(( $(date +%s) + 180 ))
  until curl -fs -o /dev/null "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: $1 never answered" >&2; exit 1; }
    sleep 0.05
  done
}

# ms VALUE : wrk's "850.00us", "1.20ms" or "1.5s" in milliseconds.
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else if (v ~ /s$/) print v * 1000; else print v }'; }
