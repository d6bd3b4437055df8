#!/usr/bin/env bash
# IMDS emulator benchmark: throughput and latency of GET spot/instance-action with an IMDSv2 token
# (wrk, 64 connections, 20 s), against baselines measured in the same run: nginx serving the same
# body as a static file (same path, same number of worker threads), and a constant IMDSv1 leaf
# (ami-id, no token check); then start-up time and memory of `serve --instances 1000` against
# `serve --instances 1`. Needs: java 17, maven (to build the jar once), wrk and nginx
# (apt-get install wrk nginx), curl.
# Usage: bench/imds.sh [DURATION=20s] [CONNECTIONS=64]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-20s}"
CONNECTIONS="${2:-64}"
THREADS="${WRK_THREADS:-2}"
OUT="$ROOT/bench/out"
JAR="$ROOT/cli/target/spotsim.jar"
JAVA_OPTS=(--add-opens=java.base/java.lang=ALL-UNNAMED)
source "$ROOT/bench/lib.sh"

# start_nginx PORT ROOT : nginx on 127.0.0.1:PORT serving the files under ROOT, with its own temp
# config and as many workers as the emulator has event loops; sets NGINX_PID. Stopped by cleanup.
start_nginx() {
  local port=$1 root=$2 dir="$OUT/nginx"
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
user root;
worker_processes $(nproc);
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; root $root; default_type text/plain; }
}
CONF
  nginx -e "$dir/error.log" -c "$dir/nginx.conf" &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
}

now_ms() { date +%s%3N; }

# start_serve LOGNAME ARGS... : starts serve in the background, sets SERVE_PID
start_serve() {
  local log="$OUT/$1.log"; shift
  # Through the launcher, as users start it (its JVM flags and class-data sharing archive); BENCH_PLAIN_JVM=1: java -jar, JVM defaults.
  if [ -n "${BENCH_PLAIN_JVM:-}" ]; then
    java "${JAVA_OPTS[@]}" -jar "$JAR" serve "$@" >"$log" 2>&1 &
  else
    "$ROOT/spotsim" serve "$@" >"$log" 2>&1 &
  fi
  SERVE_PID=$!
  PIDS+=("$SERVE_PID")
}

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
heap_used_mib() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  # Summed over the heap's generations (G1 prints one heap line, the serial collector a young and an old one).
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/(heap|generation) +total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); kb+=v}}
    END {printf "%.0f", kb/1024}'
}

# run_wrk NAME URL [HEADER] : prints "rps p50 p99" and keeps the full output
run_wrk() {
  local name=$1 url=$2 header=${3:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" "$url" >"$OUT/wrk-$name.txt"
  awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2}
    /Non-2xx/ {non2xx=$NF}
    END {printf "%s %s %s %s %s\n", rps, p50, p90, p99, (non2xx == "" ? 0 : non2xx)}' "$OUT/wrk-$name.txt"
}

echo "== IMDS throughput: $CONNECTIONS connections, $DURATION per run, $THREADS wrk threads, $(nproc) cores; $(uptime)"
BASE=$(free_ports 3)
start_serve serve-one --port "$BASE" --control-port "$((BASE + 1))"
CONTROL="http://127.0.0.1:$((BASE + 1))/spotsim/v1"
IMDS="http://127.0.0.1:$BASE"
NGINX="http://127.0.0.1:$((BASE + 2))"
wait_ready "$CONTROL/health"
ID=$(curl -fs "$IMDS/latest/meta-data/instance-id")
# A long notice keeps instance-action present for the whole measurement.
curl -fs -X POST -H 'Content-Type: application/json' -d '{"notice": "15m"}' "$CONTROL/instances/$ID/interrupt" >/dev/null
TOKEN=$(curl -fs -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600' "$IMDS/latest/api/token")
# nginx serves the very body IMDS answers, as a static file at the same path.
STATIC="$OUT/nginx-root"
mkdir -p "$STATIC/latest/meta-data/spot"
curl -fs -H "X-aws-ec2-metadata-token: $TOKEN" "$IMDS/latest/meta-data/spot/instance-action" >"$STATIC/latest/meta-data/spot/instance-action"
start_nginx "$((BASE + 2))" "$STATIC"
wait_ready "$NGINX/latest/meta-data/spot/instance-action"

# Warm the JIT on every path before measuring.
wrk -t1 -c16 -d5s "$IMDS/latest/meta-data/ami-id" >/dev/null
wrk -t1 -c16 -d5s -H "X-aws-ec2-metadata-token: $TOKEN" "$IMDS/latest/meta-data/spot/instance-action" >/dev/null
wrk -t1 -c16 -d2s "$NGINX/latest/meta-data/spot/instance-action" >/dev/null

read -r N_RPS N_P50 N_P90 N_P99 N_ERR < <(run_wrk nginx "$NGINX/latest/meta-data/spot/instance-action")
read -r B_RPS B_P50 B_P90 B_P99 B_ERR < <(run_wrk baseline "$IMDS/latest/meta-data/ami-id")
read -r S_RPS S_P50 S_P90 S_P99 S_ERR < <(run_wrk instance-action "$IMDS/latest/meta-data/spot/instance-action" "X-aws-ec2-metadata-token: $TOKEN")
printf '%-46s %12s %9s %9s %9s %8s\n' "request" "req/s" "p50" "p90" "p99" "non-2xx"
printf '%-46s %12s %9s %9s %9s %8s\n' "baseline: nginx, same body as a static file" "$N_RPS" "$N_P50" "$N_P90" "$N_P99" "$N_ERR"
printf '%-46s %12s %9s %9s %9s %8s\n' "baseline: IMDS GET ami-id (IMDSv1, constant)" "$B_RPS" "$B_P50" "$B_P90" "$B_P99" "$B_ERR"
printf '%-46s %12s %9s %9s %9s %8s\n' "IMDS GET spot/instance-action (IMDSv2 token)" "$S_RPS" "$S_P50" "$S_P90" "$S_P99" "$S_ERR"
awk -v s="$S_RPS" -v n="$N_RPS" -v b="$B_RPS" -v sp="$(ms "$S_P99")" -v np="$(ms "$N_P99")" -v s5="$(ms "$S_P50")" -v n5="$(ms "$N_P50")" 'BEGIN {
  printf "ratio instance-action / nginx: throughput %.2f, p50 %.2f, p99 %.2f\n", s / n, s5 / n5, sp / np
  printf "ratio instance-action / ami-id throughput: %.2f\n", s / b }'
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true

echo
echo "== serve start-up and memory: 1 instance (baseline) vs 1000 instances"
measure_fleet() {
  local n=$1 base start ready
  base=$(free_ports $((n + 1)))
  start=$(now_ms)
  start_serve "serve-$n" --port "$((base + 1))" --control-port "$base" --instances "$n"
  wait_ready "http://127.0.0.1:$((base + n))/latest/meta-data/instance-id"   # the last instance's port
  ready=$(now_ms)
  sleep 1
  printf '%s %s %s\n' "$((ready - start))" "$(rss_mib "$SERVE_PID")" "$(heap_used_mib "$SERVE_PID")"
  kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true
}
read -r T1 R1 H1 < <(measure_fleet 1)
read -r TN RN HN < <(measure_fleet 1000)
printf '%-22s %14s %10s %16s\n' "serve" "start-up (ms)" "RSS (MiB)" "heap used (MiB)"
printf '%-22s %14s %10s %16s\n' "--instances 1" "$T1" "$R1" "$H1"
printf '%-22s %14s %10s %16s\n' "--instances 1000" "$TN" "$RN" "$HN"
awk -v a="$TN" -v b="$T1" -v c="$RN" -v d="$R1" 'BEGIN {printf "ratio 1000 / 1: start-up %.2f, RSS %.2f\n", a / b, c / d}'
echo "full wrk output: $OUT"
