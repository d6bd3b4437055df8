#!/usr/bin/env bash
# Builds spotsim's own image (examples/containers/spotsim.Containerfile) into the engine at DOCKER_HOST from
# local files only, no registry, the way build-images.sh builds the samples: FROM scratch with a JRE made by
# jlink (the modules spotsim and its libraries use), the shared libraries it links, and a static busybox.
#
# Usage: examples/containers/build-spotsim-image.sh [--tag TAG] [--jars DIR]
#   --tag TAG   the image's name (default spotsim:local)
#   --jars DIR  put every jar in DIR on the classpath instead of cli/target/spotsim.jar (tests use the
#               jars of Maven's classpath, since in `mvn verify` they run before the shaded jar exists)
# Needs: a JDK 17 (jlink), busybox-static (/bin/busybox), and the docker CLI or podman; exits 3 when one of
# them (or an engine answering) is missing, 1 when a build step fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${SPOTSIM_IMAGE_WORK:-$repo/target/container-images}"
tag="spotsim:local"
jars=""
while (($#)); do
  case "$1" in
    --tag) tag="${2:?--tag needs a name}"; shift 2 ;;
    --jars) jars="${2:?--jars needs a directory}"; shift 2 ;;
    *) echo "build-spotsim-image.sh: unknown argument $1 (usage: [--tag TAG] [--jars DIR])" >&2; exit 2 ;;
  esac
done

script_name=build-spotsim-image.sh
missing_exit=3
source "$here/engine.sh"
find_static_busybox
if [[ -z "$jars" && ! -f "$repo/cli/target/spotsim.jar" ]]; then
  echo "build-spotsim-image.sh: $repo/cli/target/spotsim.jar is missing: run mvn -B -DskipTests package (or ./spotsim --version) first" >&2
  exit 1
fi
command -v jlink >/dev/null || { echo "build-spotsim-image.sh: needs jlink (a JDK 17)" >&2; exit 3; }
engine version >/dev/null 2>&1 || { echo "build-spotsim-image.sh: no engine answers at ${DOCKER_HOST:-the local Docker socket}" >&2; exit 3; }

# The JRE: beyond the samples' modules, spotsim's libraries need logging, management, naming (Netty's DNS),
# sql and xml (Jackson, the AWS SDK), java.desktop (java.beans, SnakeYAML), prefs (Gatling) and TLS's EC.
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
rootfs() { # built once into $work/spotsim-jre, again when this script changes
  local dir="$work/spotsim-jre" root="$work/spotsim-jre/rootfs"
  if [[ -f "$dir/.done" && "$dir/.done" -nt "$0" ]]; then return; fi
  rm -rf "$dir"; mkdir -p "$root/opt" "$root/bin" "$root/tmp" "$root/etc" "$dir/home"
  jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"
  { ldd "$root/opt/java/bin/java"; find "$root/opt/java/lib" -name '*.so' -exec ldd {} \; 2>/dev/null; } \
    | grep -oE '/[^ ]+\.so[^ ]*' | sort -u | while read -r lib; do
      [[ -e "$lib" ]] || continue
      mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"
    done
  cp "$busybox" "$root/bin/busybox"
  for tool in sh cat echo env kill ls ps sleep wget true false; do ln -sf busybox "$root/bin/$tool"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nspotsim:x:10001:10001:spotsim:/home/spotsim:/bin/sh\n' > "$root/etc/passwd"
  printf 'root:x:0:\nspotsim:x:10001:\n' > "$root/etc/group"
  chmod 1777 "$root/tmp"
  # `spotsim ARGS` inside the container (docker exec, kubectl exec) runs the same JVM command as the ENTRYPOINT.
  printf '#!/bin/sh\nexec java --add-opens=java.base/java.lang=ALL-UNNAMED -cp "/opt/spotsim/lib/*" dev.spotsim.cli.SpotsimCommand "$@"\n' > "$root/bin/spotsim"
  chmod 755 "$root/bin/spotsim"
  touch "$dir/.done"
}

rootfs
ctx="$work/ctx-spotsim-$$"  # its own: a test and a user may build at once
rm -rf "$ctx"; mkdir -p "$ctx/lib" "$ctx/home"
cp -al "$work/spotsim-jre/rootfs" "$ctx/rootfs"  # hard links: the JRE is not copied per build
if [[ -n "$jars" ]]; then cp "$jars"/*.jar "$ctx/lib/"; else cp "$repo/cli/target/spotsim.jar" "$ctx/lib/"; fi
cp "$here/spotsim.Containerfile" "$ctx/Containerfile"
if ! out="$(engine build -q -f "$ctx/Containerfile" -t "$tag" "$ctx" 2>&1)"; then echo "$out" >&2; exit 1; fi
rm -rf "$ctx"
echo "built $tag"
