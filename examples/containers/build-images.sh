#!/usr/bin/env bash
# Builds spotsim's sample images into the engine at DOCKER_HOST from local files only (no registry):
# a JRE made with jlink plus the shared libraries it needs and a static busybox (/bin/sh, kill, sleep),
# all FROM scratch. The runtime is built once into a base image that every sample image shares.
#
#   spotsim-samples/jre:local         base: /opt/java (jlink), /bin/sh (busybox), /tmp
#   spotsim-samples/drain-aware:exec  DrainAwareService, exec-form CMD (PID 1 is the JVM: drains on SIGTERM)
#   spotsim-samples/drain-aware:shell the same, shell-form CMD (PID 1 is /bin/sh, which ignores SIGTERM)
#   spotsim-samples/batch-worker:local BatchWorker, exec form
#   spotsim-samples/naive:local       NaiveService, exec form (ignores the notice)
#
# Needs: a JDK 17 (javac, jlink), busybox-static (/bin/busybox), and the docker CLI or podman.
# Usage: examples/containers/build-images.sh [--only NAME]   (DOCKER_HOST as for docker; default the local socket)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${SPOTSIM_IMAGE_WORK:-$repo/target/container-images}"
only="${2:-}"
[[ "${1:-}" == "--only" && -n "$only" ]] || only=""

script_name=build-images.sh
missing_exit=1
source "$here/engine.sh"
find_static_busybox
engine version >/dev/null 2>&1 || { echo "build-images.sh: no engine answers at ${DOCKER_HOST:-the local Docker socket}" >&2; exit 1; }

base_context() {
  local ctx="$work/jre" root="$work/jre/rootfs"
  if [[ -f "$ctx/.done" && "$ctx/.done" -nt "$0" ]]; then return; fi
  rm -rf "$ctx"; mkdir -p "$root/opt" "$root/bin" "$root/tmp" "$root/etc"
  jlink --add-modules java.base,java.net.http,jdk.httpserver,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"
  # The dynamic loader and every shared library the JRE links against, at the same paths as here.
  { ldd "$root/opt/java/bin/java"; find "$root/opt/java/lib" -name '*.so' -exec ldd {} \; 2>/dev/null; } \
    | grep -oE '/[^ ]+\.so[^ ]*' | sort -u | while read -r lib; do
      [[ -e "$lib" ]] || continue
      mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"
    done
  cp "$busybox" "$root/bin/busybox"
  for tool in sh kill sleep cat echo ls ps wget env true false; do ln -sf busybox "$root/bin/$tool"; done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  chmod 1777 "$root/tmp"
  cat > "$ctx/Containerfile" <<'CF'
FROM scratch
COPY rootfs/ /
ENV PATH=/opt/java/bin:/bin JAVA_HOME=/opt/java
LABEL dev.spotsim.sample=true
CF
  touch "$ctx/.done"
}

compile() {
  local out="$work/classes"
  mkdir -p "$out"
  javac -XDignore.symbol.file -nowarn -d "$out" "$repo"/examples/workloads/*.java 2>&1 | { grep -v -e "warning" -e "^ " -e "^\s*\^" || true; } >&2
}

# build TAG DOCKERFILE-BODY: a context with the compiled classes under app/.
build() {
  local tag="$1" body="$2" ctx
  [[ -z "$only" || "$tag" == *"$only"* ]] || return 0
  ctx="$work/ctx-${tag//[:\/]/-}"
  rm -rf "$ctx"; mkdir -p "$ctx"; cp -r "$work/classes" "$ctx/app"
  printf 'FROM spotsim-samples/jre:local\nCOPY app/ /app/\n%s\n' "$body" > "$ctx/Containerfile"
  quietly build -q -f "$ctx/Containerfile" -t "$tag" "$ctx"
  echo "built $tag"
}

# quietly ARGS: runs the engine, shows its output only when it fails (the legacy builder's notice is noise).
quietly() {
  local out
  if ! out="$(engine "$@" 2>&1)"; then echo "$out" >&2; return 1; fi
}

base_context
compile
quietly build -q -f "$work/jre/Containerfile" -t spotsim-samples/jre:local "$work/jre"
echo "built spotsim-samples/jre:local"
java='"java", "-XX:-UsePerfData", "-Xshare:off", "-XX:TieredStopAtLevel=1", "-cp", "/app"'
build spotsim-samples/drain-aware:exec "EXPOSE 8080
CMD [$java, \"DrainAwareService\"]"
# Shell form, as many Dockerfiles write it: /bin/sh -c runs the JVM as its child and waits to log its exit,
# so the shell stays PID 1, and a PID 1 without a SIGTERM handler ignores SIGTERM.
build spotsim-samples/drain-aware:shell 'EXPOSE 8080
CMD java -XX:-UsePerfData -Xshare:off -XX:TieredStopAtLevel=1 -cp /app DrainAwareService; echo "DrainAwareService exited with $?"'
build spotsim-samples/batch-worker:local "WORKDIR /tmp
CMD [$java, \"BatchWorker\"]"
build spotsim-samples/naive:local "EXPOSE 8080
CMD [$java, \"NaiveService\"]"
# Earlier builds of these tags are left dangling: remove them (only ours, by label).
quietly image prune -f --filter label=dev.spotsim.sample=true
