# Sourced by the image build scripts: the engine CLI and a static busybox, found the same way for each.
# The caller sets script_name (for messages) and missing_exit (the exit code when a tool is missing).

# Runs the docker CLI, or podman against DOCKER_HOST when only Podman is installed.
engine() {
  if command -v docker >/dev/null 2>&1; then
    DOCKER_BUILDKIT=0 docker "$@"
  elif command -v podman >/dev/null 2>&1; then
    if [[ -n "${DOCKER_HOST:-}" ]]; then podman --url "$DOCKER_HOST" "$@"; else podman "$@"; fi
  else
    echo "$script_name: neither docker nor podman is installed (see docs/containers.md)" >&2
    exit "$missing_exit"
  fi
}

# Sets busybox to a static busybox (Debian's busybox-static installs one at /bin/busybox): the images have no libc for it.
find_static_busybox() {
  busybox=""
  local candidate
  for candidate in "${BUSYBOX:-}" /bin/busybox /usr/bin/busybox "$(command -v busybox || true)"; do
    if [[ -n "$candidate" && -x "$candidate" ]] && ! ldd "$candidate" >/dev/null 2>&1; then busybox="$candidate"; return 0; fi
  done
  echo "$script_name: needs a static busybox: apt-get install busybox-static" >&2
  exit "$missing_exit"
}
