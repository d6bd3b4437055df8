#!/usr/bin/env bash
# Local balancer benchmark: wrk (64 connections) against the same nginx workload three ways, all in
# one run: directly, through spotsim's balancer (the workload runs as a spotsim task on one instance),
# and through nginx as a reverse proxy (proxy_pass with upstream keepalive) as the baseline a proxy
# can reach here. Prints req/s, p50, p90, p99 and the ratios to direct and to the nginx proxy.
# Then a fixed rate (1,000 req/s, open loop, bench/FixedRate.java) for the latency each hop adds.
# CPU per request is counted for the proxy's own processes, which a busy machine skews least.
# Needs: java 17, maven (to build the jar once), wrk and nginx (apt-get install wrk nginx), curl.
# Usage: bench/balancer.sh [DURATION=20s] [CONNECTIONS=64]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-20s}"
CONNECTIONS="${2:-64}"
THREADS="${WRK_THREADS:-2}"
OUT="$ROOT/bench/out/balancer"
source "$ROOT/bench/lib.sh"

# nginx_conf NAME PORT SERVER_BLOCK : writes an nginx config with its own pid, logs and temp paths
nginx_conf() {
  local name=$1 port=$2 body=$3 dir="$OUT/$1"
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
user root;
worker_processes ${NGINX_WORKERS:-1};
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  keepalive_requests 1000000;
  $body
}
CONF
  echo "$dir/nginx.conf"
}

# cpu_ticks PID... : CPU time (clock ticks, user + system) the processes have used so far
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# run_wrk NAME URL PID... : prints "rps p50 p90 p99 non2xx cpu-us-per-request" (CPU of the given processes)
run_wrk() {
  local name=$1 url=$2 before after; shift 2
  before=$(cpu_ticks "$@")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$OUT/wrk-$name.txt"
  after=$(cpu_ticks "$@")
  awk -v cpu=$((after - before)) -v hz="$(getconf CLK_TCK)" '/requests in/ {n=$1} /Requests\/sec/ {rps=$2}
       /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2} /Non-2xx/ {e=$NF}
       END {printf "%s %s %s %s %s %.1f\n", rps, p50, p90, p99, (e == "" ? 0 : e), cpu * 1e6 / hz / n}' "$OUT/wrk-$name.txt"
}

BASE=$(free_ports 5)
IMDS_PORT=$BASE CONTROL_PORT=$((BASE + 1)) BALANCER_PORT=$((BASE + 3)) PROXY_PORT=$((BASE + 4))

# The workload: nginx answering a small body on the task's port ($PORT, chosen by spotsim), as a
# spotsim task (app lane); it writes its port down so wrk can also reach it directly.
mkdir -p "$OUT/www"
printf 'hello from the workload\n' >"$OUT/www/index.html"
rm -f "$OUT/workload.port"
WORKLOAD_CONF=$(nginx_conf workload "@PORT@" "server { listen 127.0.0.1:@PORT@; root $OUT/www; default_type text/plain; }")
cat >"$OUT/serve.yaml" <<YAML
port: $IMDS_PORT
controlPort: $CONTROL_PORT
count: 1
workload:
  lane: app
  command: "sed s/@PORT@/\$PORT/ $WORKLOAD_CONF > $OUT/workload/run.conf && echo \$PORT > $OUT/workload.port && exec nginx -e $OUT/workload/error.log -c $OUT/workload/run.conf"
  healthCheck: {path: /, interval: 2s, timeout: 1s}
loadBalancer: {deregistrationDelay: 1s}
balancerPort: $BALANCER_PORT
YAML
# Through the launcher, as users start it (its JVM flags); SPOTSIM_JAVA_OPTS adds flags (a profiler, say).
(cd "$OUT" && exec "$ROOT/spotsim" serve --config "$OUT/serve.yaml" >"$OUT/serve.log" 2>&1) &
SERVE_PID=$!
PIDS+=("$SERVE_PID")
deadline=$(( $(date +%s) + 180 ))
until [ -s "$OUT/workload.port" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: the workload never started (see $OUT/serve.log)" >&2; exit 1; }
  sleep 0.2
done
WORKLOAD_PORT=$(cat "$OUT/workload.port")
wait_ready "http://127.0.0.1:$WORKLOAD_PORT/"
wait_ready "http://127.0.0.1:$BALANCER_PORT/"

# The baseline proxy: nginx in front of the same workload, upstream connections kept alive.
PROXY_CONF=$(nginx_conf proxy "$PROXY_PORT" "upstream workload { server 127.0.0.1:$WORKLOAD_PORT; keepalive 64; }
  server { listen 127.0.0.1:$PROXY_PORT; location / { proxy_pass http://workload; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }")
nginx -e "$OUT/proxy/error.log" -c "$PROXY_CONF" &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
wait_ready "http://127.0.0.1:$PROXY_PORT/"
# CPU is counted for the proxy's own processes: nginx's master and workers, the whole balancer JVM.
PROXY_PIDS=("$PROXY_PID" $(pgrep -P "$PROXY_PID"))
WORKLOAD_PIDS=($(cat "$OUT/workload/nginx.pid") $(pgrep -P "$(cat "$OUT/workload/nginx.pid")"))

# Warm-up, the balancer's JIT above all (C2 needs some 10^5 requests).
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-15s}" "http://127.0.0.1:$BALANCER_PORT/" >/dev/null
wrk -t1 -c16 -d3s "http://127.0.0.1:$PROXY_PORT/" >/dev/null

echo "== balancer: $CONNECTIONS connections, $DURATION per run, $THREADS wrk threads, $(nproc) cores, nginx workers ${NGINX_WORKERS:-1}; $(uptime)"
read -r D_RPS D_P50 D_P90 D_P99 D_ERR D_CPU < <(run_wrk direct "http://127.0.0.1:$WORKLOAD_PORT/" "${WORKLOAD_PIDS[@]}")
read -r N_RPS N_P50 N_P90 N_P99 N_ERR N_CPU < <(run_wrk nginx-proxy "http://127.0.0.1:$PROXY_PORT/" "${PROXY_PIDS[@]}")
read -r S_RPS S_P50 S_P90 S_P99 S_ERR S_CPU < <(run_wrk spotsim-balancer "http://127.0.0.1:$BALANCER_PORT/" "$SERVE_PID")
row() { printf '%-34s %10s %9s %9s %9s %8s %12s\n' "$@"; }
row "path" "req/s" "p50" "p90" "p99" "non-2xx" "CPU us/req"
row "direct to the workload (nginx)" "$D_RPS" "$D_P50" "$D_P90" "$D_P99" "$D_ERR" "$D_CPU"
row "baseline: nginx reverse proxy" "$N_RPS" "$N_P50" "$N_P90" "$N_P99" "$N_ERR" "$N_CPU"
row "spotsim balancer" "$S_RPS" "$S_P50" "$S_P90" "$S_P99" "$S_ERR" "$S_CPU"
awk -v s="$S_RPS" -v n="$N_RPS" -v d="$D_RPS" -v s5="$(ms "$S_P50")" -v n5="$(ms "$N_P50")" -v d5="$(ms "$D_P50")" \
    -v sc="$S_CPU" -v nc="$N_CPU" 'BEGIN {
  printf "throughput vs direct: balancer %.2f, nginx proxy %.2f; balancer / nginx proxy %.2f\n", s / d, n / d, s / n
  printf "p50 added over direct: balancer +%.2f ms, nginx proxy +%.2f ms\n", s5 - d5, n5 - d5
  printf "proxy CPU per request: balancer / nginx proxy %.2f\n", sc / nc }'

# Latency at a fixed, moderate rate (open loop: measured from each request's scheduled send time).
RATE="${RATE:-1000}"
echo "== fixed rate: $RATE req/s over 16 connections, ${RATE_SECONDS:-15} s each; $(uptime)"
fixed() { java "$ROOT/bench/FixedRate.java" "$1" "$RATE" "${RATE_SECONDS:-15}" 16; }
read -r DF_N DF_P50 DF_P90 DF_P99 DF_ERR < <(fixed "http://127.0.0.1:$WORKLOAD_PORT/")
read -r NF_N NF_P50 NF_P90 NF_P99 NF_ERR < <(fixed "http://127.0.0.1:$PROXY_PORT/")
read -r SF_N SF_P50 SF_P90 SF_P99 SF_ERR < <(fixed "http://127.0.0.1:$BALANCER_PORT/")
row "path" "requests" "p50 ms" "p90 ms" "p99 ms" "errors" ""
row "direct to the workload (nginx)" "$DF_N" "$DF_P50" "$DF_P90" "$DF_P99" "$DF_ERR" ""
row "baseline: nginx reverse proxy" "$NF_N" "$NF_P50" "$NF_P90" "$NF_P99" "$NF_ERR" ""
row "spotsim balancer" "$SF_N" "$SF_P50" "$SF_P90" "$SF_P99" "$SF_ERR" ""
awk -v s="$SF_P50" -v n="$NF_P50" -v d="$DF_P50" 'BEGIN {
  printf "p50 added over direct at %s req/s: balancer +%.3f ms, nginx proxy +%.3f ms\n", '"$RATE"', s - d, n - d }'
echo "full wrk output: $OUT"
