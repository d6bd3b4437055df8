package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.SpotPool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A simulator with a group, the user's workload on it, and light traffic through the balancer. */
final class PlatformFixture implements AutoCloseable {
    final SpotSim sim;
    final Platform platform;
    private final AtomicBoolean sending = new AtomicBoolean();
    private Thread traffic;
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/workloads"))) {
                return p;
            }
        }
        throw new AssertionError("examples/workloads not found above " + Path.of("").toAbsolutePath());
    }

    static String java(String program) {
        return "java " + repo().resolve("examples/workloads/" + program);
    }

    PlatformFixture(int desired, String workloadYaml, String lbYaml, Path logDir) {
        this(desired, false, workloadYaml, lbYaml, logDir);
    }

    PlatformFixture(int desired, boolean capacityRebalance, String workloadYaml, String lbYaml, Path logDir) {
        sim = SpotSim.builder().group(new GroupSpec("web", desired, AllocationStrategy.DIVERSIFIED, Duration.ofSeconds(1), capacityRebalance,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED),
                        new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED)))).start();
        try {
            StructuredReader reader = new StructuredReader();
            WorkloadSpec workload = reader.read(workloadYaml, "workload", false, WorkloadSpec.class);
            LoadBalancerSpec lb = reader.read(lbYaml, "loadBalancer", false, LoadBalancerSpec.class);
            platform = sim.runWorkload(new PlatformSettings(workload, desired, logDir, repo(), "spotsim"), lb, 0);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /** One GET every 50 ms through the balancer, statuses counted (0 = no answer at all). */
    void startTraffic() {
        sending.set(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        traffic = new Thread(() -> {
            while (sending.get()) {
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(sim.balancerUrl() + "/")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = 0;
                } catch (InterruptedException e) {
                    return;
                }
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-traffic");
        traffic.setDaemon(true);
        traffic.start();
    }

    int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    int errors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() == 0 || e.getKey() >= 500).mapToInt(e -> e.getValue().get()).sum();
    }

    void stopTraffic() throws InterruptedException {
        sending.set(false);
        if (traffic != null) {
            traffic.join(10_000);
        }
    }

    @Override
    public void close() {
        sending.set(false);
        List<dev.spotsim.simulator.workload.RunningWorkload> workloads = platform.workloads();
        sim.close();
        for (var w : workloads) {
            if (w.isAlive()) {
                throw new AssertionError("workload " + w.describe() + " outlived the simulator");
            }
        }
    }
}
