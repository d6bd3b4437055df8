# Sourced by .ci/run: makes sure a Docker Engine API answers at DOCKER_HOST for the container tests.
# Uses a running engine when one answers (DOCKER_HOST, else the local Docker socket); otherwise installs
# Debian's Podman and serves its Docker-compatible API on a socket of our own, stopped by stop_container_engine.
engine_answers() { # $1: unix:///path.sock
  local sock="${1#unix://}"
  [[ -S "$sock" ]] && curl -sf --max-time 3 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1
}

start_container_engine() {
  if [[ -n "${DOCKER_HOST:-}" ]] && engine_answers "$DOCKER_HOST"; then
    echo "container engine: using DOCKER_HOST=$DOCKER_HOST"; return 0
  fi
  if engine_answers unix:///var/run/docker.sock; then
    export DOCKER_HOST=unix:///var/run/docker.sock; echo "container engine: using $DOCKER_HOST"; return 0
  fi
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  [[ -x /usr/bin/catatonit || -x /usr/libexec/podman/catatonit ]] || missing+=(catatonit)
  [[ -x /bin/busybox ]] || missing+=(busybox-static)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]})); then
    echo "container engine: installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  export CONTAINERS_CONF="$PWD/.ci/containers.conf"
  SPOTSIM_ENGINE_DIR="$(mktemp -d /tmp/spotsim-podman.XXXXXX)"
  export DOCKER_HOST="unix://$SPOTSIM_ENGINE_DIR/podman.sock"
  podman system service --time=0 "$DOCKER_HOST" >"$SPOTSIM_ENGINE_DIR/service.log" 2>&1 &
  SPOTSIM_ENGINE_PID=$!
  for _ in $(seq 1 60); do
    engine_answers "$DOCKER_HOST" && { echo "container engine: podman serving $DOCKER_HOST (pid $SPOTSIM_ENGINE_PID)"; return 0; }
    sleep 0.5
  done
  echo "container engine: podman did not answer at $DOCKER_HOST:" >&2; cat "$SPOTSIM_ENGINE_DIR/service.log" >&2
  return 1
}

stop_container_engine() {
  if [[ -n "${SPOTSIM_ENGINE_PID:-}" ]]; then
    kill "$SPOTSIM_ENGINE_PID" 2>/dev/null && wait "$SPOTSIM_ENGINE_PID" 2>/dev/null
    rm -rf "$SPOTSIM_ENGINE_DIR"
  fi
  return 0
}
