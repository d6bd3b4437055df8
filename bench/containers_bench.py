#!/usr/bin/env python3
"""Container workload benchmark (run through bench/containers.sh): one program as host processes and as containers.

The container side uses the Docker Engine API over DOCKER_HOST's unix socket the way spotsim's container runtime
does (POST /containers/create with host networking, then /start), so the figures include the engine's own work.
Each task is the same JVM with the same flags and classes; only the runtime differs.
"""
import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

IMAGE = "spotsim-samples/drain-aware:exec"
JVM_FLAGS = ["-XX:-UsePerfData", "-Xshare:off", "-XX:TieredStopAtLevel=1"]
TICKS = os.sysconf("SC_CLK_TCK")
HEALTHY_WITHIN = 300.0
SETTLE = 2.0


class UnixHTTP(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=120)
        self.socket_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(120)
        s.connect(self.socket_path)
        self.sock = s


class Engine:
    """The Docker Engine API at a unix socket."""

    def __init__(self, host):
        if not host.startswith("unix://"):
            sys.exit(f"bench: DOCKER_HOST must be a unix socket (unix:///path.sock), got {host!r}")
        self.path = host[len("unix://"):]

    def call(self, method, path, body=None):
        conn = UnixHTTP(self.path)
        try:
            conn.request(method, path, body=None if body is None else json.dumps(body), headers={"Content-Type": "application/json"})
            answer = conn.getresponse()
            data = answer.read()
        finally:
            conn.close()
        if answer.status >= 400:
            raise RuntimeError(f"{method} {path}: {answer.status} {data[:300]!r}")
        return json.loads(data) if data else None

    def pid(self):
        """The engine's process (the one listening on the socket), or None when it cannot be seen."""
        out = subprocess.run(["ss", "-xlpn"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if self.path in line:
                m = re.search(r"pid=(\d+)", line)
                if m:
                    return int(m.group(1))
        return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def cpu_seconds(pid):
    """User + system CPU time of a process and its reaped children, in seconds (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(v) for v in fields[11:15]) / TICKS
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


class ProcessTask:
    def __init__(self, args, port):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PORT": str(port), "WATCH_IMDS": "false"}
        self.port = port
        self.proc = subprocess.Popen([args.java, *JVM_FLAGS, "-cp", args.classes, "DrainAwareService"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def pids(self):
        return [self.proc.pid], []

    def stop(self):
        self.proc.kill()
        self.proc.wait()


class ContainerTask:
    def __init__(self, engine, label, port):
        self.engine = engine
        self.port = port
        body = {"Image": IMAGE, "Env": [f"PORT={port}", "WATCH_IMDS=false"], "Labels": {"dev.spotsim.bench": label},
                "HostConfig": {"NetworkMode": "host"}}
        self.id = engine.call("POST", f"/containers/create?name=spotsim-bench-{label}-{port}", body)["Id"]
        engine.call("POST", f"/containers/{self.id}/start")

    def pids(self):
        """The container's PID 1 on the host, and the engine's monitor for it (conmon under Podman), if any."""
        main = self.engine.call("GET", f"/containers/{self.id}/json")["State"]["Pid"]
        ps = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
        monitors = [int(line.split()[0]) for line in ps.splitlines() if "conmon" in line and self.id in line]
        return [main], monitors

    def stop(self):
        self.engine.call("DELETE", f"/containers/{self.id}?force=1&v=1")


def wait_healthy(tasks, since):
    pending = list(tasks)
    while pending:
        if time.monotonic() - since > HEALTHY_WITHIN:
            raise RuntimeError(f"{len(pending)} task(s) not healthy after {HEALTHY_WITHIN:.0f}s")
        pending = [t for t in pending if not healthy(t.port)]
        if pending:
            time.sleep(0.05)
    return time.monotonic() - since


def measure(tasks):
    """Total RSS (MiB) and CPU seconds of the tasks' programs, and of their engine-side monitors."""
    rss = cpu = mon_rss = mon_cpu = 0.0
    for t in tasks:
        mains, monitors = t.pids()
        rss += sum(rss_mib(p) for p in mains)
        cpu += sum(cpu_seconds(p) for p in mains)
        mon_rss += sum(rss_mib(p) for p in monitors)
        mon_cpu += sum(cpu_seconds(p) for p in monitors)
    return rss, cpu, mon_rss, mon_cpu


def one_task(kind, args, engine, label):
    engine_pid = engine.pid()
    engine_cpu = cpu_seconds(engine_pid) if engine_pid else 0.0
    start = time.monotonic()
    task = ProcessTask(args, free_port()) if kind == "process" else ContainerTask(engine, label, free_port())
    try:
        took = wait_healthy([task], start)
        time.sleep(SETTLE)
        rss, cpu, mon_rss, mon_cpu = measure([task])
        engine_used = (cpu_seconds(engine_pid) - engine_cpu) if engine_pid and kind == "container" else 0.0
        return {"healthy": took, "rss": rss, "cpu": cpu, "monitor_rss": mon_rss, "monitor_cpu": mon_cpu, "engine_cpu": engine_used}
    finally:
        task.stop()


def fleet(kind, args, engine, label):
    engine_pid = engine.pid()
    engine_cpu = cpu_seconds(engine_pid) if engine_pid else 0.0
    tasks = []
    start = time.monotonic()
    try:
        for _ in range(args.fleet):
            tasks.append(ProcessTask(args, free_port()) if kind == "process" else ContainerTask(engine, label, free_port()))
        took = wait_healthy(tasks, start)
        time.sleep(SETTLE)
        rss, cpu, mon_rss, mon_cpu = measure(tasks)
        engine_used = (cpu_seconds(engine_pid) - engine_cpu) if engine_pid and kind == "container" else 0.0
        return {"healthy": took, "rss": rss, "cpu": cpu, "monitor_rss": mon_rss, "monitor_cpu": mon_cpu, "engine_cpu": engine_used}
    finally:
        for t in tasks:
            try:
                t.stop()
            except Exception as e:  # keep stopping the others
                print(f"bench: could not stop a task: {e}", file=sys.stderr)


def remove_leftovers(engine, label):
    flt = json.dumps({"label": [f"dev.spotsim.bench={label}"]})
    for c in engine.call("GET", "/containers/json?all=1&filters=" + urllib.request.quote(flt)):
        engine.call("DELETE", f"/containers/{c['Id']}?force=1&v=1")


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "n/a"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--java", required=True)
    parser.add_argument("--classes", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--fleet", type=int, default=20)
    args = parser.parse_args()
    engine = Engine(os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock")
    try:
        engine.call("GET", f"/images/{IMAGE}/json")
    except (RuntimeError, OSError) as e:
        sys.exit(f"bench: {IMAGE} is not in the engine at {engine.path} ({e}): run examples/containers/build-images.sh")
    label = uuid.uuid4().hex[:8]
    print(f"cores {os.cpu_count()}, load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}, engine pid {engine.pid()}")
    try:
        single = {"process": [], "container": []}
        for _ in range(args.repeats):
            for kind in ("process", "container"):  # interleaved, so a neighbour's burst hits both alike
                single[kind].append(one_task(kind, args, engine, label))
        print(f"\none task, median of {args.repeats}:")
        print(f"{'':28}{'process':>12}{'container':>12}{'ratio':>9}")
        for key, name, unit in (("healthy", "start to healthy", "s"), ("rss", "program RSS", "MiB"), ("cpu", "program CPU to healthy+2s", "s"),
                                ("monitor_rss", "engine monitor RSS", "MiB"), ("monitor_cpu", "engine monitor CPU", "s"),
                                ("engine_cpu", "engine CPU per task", "s")):
            p = statistics.median(r[key] for r in single["process"])
            c = statistics.median(r[key] for r in single["container"])
            print(f"{name + ' (' + unit + ')':28}{p:12.2f}{c:12.2f}{ratio(c, p) if key in ('healthy', 'rss', 'cpu') else '':>9}")
        print(f"\n{args.fleet} tasks started at once on {os.cpu_count()} cores:")
        results = {kind: fleet(kind, args, engine, label) for kind in ("process", "container")}
        p, c = results["process"], results["container"]
        print(f"{'':28}{'process':>12}{'container':>12}{'ratio':>9}")
        print(f"{'time to all healthy (s)':28}{p['healthy']:12.2f}{c['healthy']:12.2f}{ratio(c['healthy'], p['healthy']):>9}")
        total_p = p["rss"]
        total_c = c["rss"] + c["monitor_rss"]
        print(f"{'memory, all tasks (MiB)':28}{total_p:12.1f}{total_c:12.1f}{ratio(total_c, total_p):>9}")
        print(f"{'  of which engine monitors':28}{'':12}{c['monitor_rss']:12.1f}")
        print(f"{'program CPU (s)':28}{p['cpu']:12.1f}{c['cpu']:12.1f}{ratio(c['cpu'], p['cpu']):>9}")
        print(f"{'engine CPU (s)':28}{'':12}{c['engine_cpu'] + c['monitor_cpu']:12.1f}")
        print(f"\nload average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        remove_leftovers(engine, label)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
