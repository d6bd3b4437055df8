#!/usr/bin/env bash
# Container workload benchmark (issue 10): the same program (examples/workloads/DrainAwareService, same JVM and
# flags: the jlink runtime of the sample images) started as a host process and as a container of
# spotsim-samples/drain-aware:exec through the Docker Engine API at DOCKER_HOST, the way spotsim's container runtime
# does (create with host networking, start). Prints, against the process baseline measured in the same run:
#   start-to-healthy time of one task (median of REPEATS), its RSS and CPU time once healthy (plus the engine's
#   per-container monitor, conmon under Podman), and a fleet of FLEET tasks started at once: time to all healthy,
#   total memory. Everything it starts is labelled dev.spotsim.bench=<id> and removed at the end, also on Ctrl-C.
# Needs: python3, the sample images (examples/containers/build-images.sh), an engine at DOCKER_HOST (unix socket).
# Usage: bench/containers.sh [REPEATS=5] [FLEET=20]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="$ROOT/target/container-images/jre/rootfs/opt/java/bin/java"
CLASSES="$ROOT/target/container-images/classes"
if [[ ! -x "$JAVA" || ! -f "$CLASSES/DrainAwareService.class" ]]; then
  echo "bench: run examples/containers/build-images.sh first (it makes the runtime and classes the baseline shares)" >&2
  exit 1
fi
exec python3 "$ROOT/bench/containers_bench.py" --java "$JAVA" --classes "$CLASSES" --repeats "${1:-5}" --fleet "${2:-20}"
