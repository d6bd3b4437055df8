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
#   spotsim-samples/sdk-defaults:local SdkDefaultsService: an unmodified AWS SDK for Java v2 (IMDS notice, container credentials)
#
# Needs: a JDK 17 (javac, jlink), Maven (copies the SDK jars from the local Maven repository), busybox-static
# (/bin/busybox), and the docker CLI or podman.
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

wanted() { [[ -z "$only" || "$1" == *"$only"* ]]; }

# build TAG DOCKERFILE-BODY [CLASSES [LIB]]: a context with the compiled classes under app/ (and jars under app/lib/).
build() {
  local tag="$1" body="$2" classes="${3:-$work/classes}" lib="${4:-}" ctx
  wanted "$tag" || return 0
  ctx="$work/ctx-${tag//[:\/]/-}"
  rm -rf "$ctx"; mkdir -p "$ctx"; cp -r "$classes" "$ctx/app"
  if [[ -n "$lib" ]]; then cp -r "$lib" "$ctx/app/lib"; fi
  printf 'FROM spotsim-samples/jre:local\nCOPY app/ /app/\n%s\n' "$body" > "$ctx/Containerfile"
  quietly build -q -f "$ctx/Containerfile" -t "$tag" "$ctx"
  echo "built $tag"
}

# The SDK sample's jars (AWS SDK for Java v2 at the build's version) from the local Maven repository, and its classes.
# Offline first; a local repository without them yet is filled from Maven Central once.
compile_sdk_defaults() {
  local src="$here/sdk-defaults" out="$work/sdk-defaults"
  rm -rf "$out"; mkdir -p "$out/classes"
  local copy=(-B -q -f "$src/pom.xml" dependency:copy-dependencies -DoutputDirectory="$out/lib" -DincludeScope=runtime)
  if ! mvn -o "${copy[@]}" >"$out/mvn.log" 2>&1; then
    echo "build-images.sh: the AWS SDK jars are not all in the local Maven repository; fetching them once" >&2
    mvn "${copy[@]}" >"$out/mvn.log" 2>&1 || { cat "$out/mvn.log" >&2; exit 1; }
  fi
  javac -nowarn -d "$out/classes" -cp "$out/lib/*" "$src/SdkDefaultsService.java"
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
if wanted spotsim-samples/sdk-defaults:local; then
  compile_sdk_defaults
  build spotsim-samples/sdk-defaults:local "EXPOSE 8080
CMD [\"java\", \"-XX:-UsePerfData\", \"-Xshare:off\", \"-XX:TieredStopAtLevel=1\", \"-cp\", \"/app:/app/lib/*\", \"SdkDefaultsService\"]" \
    "$work/sdk-defaults/classes" "$work/sdk-defaults/lib"
fi
# Earlier builds of these tags are left dangling: remove them (only ours, by label).
quietly image prune -f --filter label=dev.spotsim.sample=true
