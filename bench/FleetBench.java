// Fleet benchmarks for issue 3, each printed with a baseline measured in the same run:
//  1. notice -> IMDS visibility (p50/p99) vs a plain IMDS GET round trip
//  2. state change (the interrupt call that applies the notice) -> webhook delivery (p50/p99) vs a plain POST round trip to the same receiver
//  3. 1,000 simultaneous interruptions: time until one webhook has every warning, vs 1,000 plain POSTs one after another to the same kind of receiver
//  4. a 10,000-instance fleet: start time and heap, vs 1,000 instances
//  5. a webhook target down for 20 s while 200 warnings are published: time from its return until it has them all
//     (default backoff), vs the same warnings delivered to a target that was up
// -Dparts=webhook runs 2, 3 and 5 only; -Dparts=burst runs 2 and 3.
// Run through bench/fleet.sh (it builds the jar and sets the classpath).
import com.sun.net.httpserver.HttpServer;
import dev.spotsim.scenarios.select.Selection;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventBus;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.SinkConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.scenarios.model.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.InstanceState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

public class FleetBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        int samples = Integer.parseInt(System.getProperty("samples", "200"));
        boolean all = "all".equals(System.getProperty("parts", "all"));
        if (all) {
            noticeToImds(samples);
        }
        stateChangeToWebhook(samples);
        simultaneous(1000);
        if (!"burst".equals(System.getProperty("parts"))) {
            catchUp(200, Duration.ofSeconds(20));
        }
        if (all) {
            bigFleet(1000, 10_000);
        }
        System.exit(0); // the JDK HTTP client's and receivers' threads would keep the JVM up
    }

    /** A webhook sink for the interruption warnings only, retrying from 50 ms up to 1 s. */
    static SinkConfig warningsTo(String hook) throws Exception {
        return new SinkConfig("webhook", "bench", hook, null, null, null,
                new ObjectMapper().readTree("{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}"), null,
                Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    static GroupSpec group(int desired) {
        return new GroupSpec("bench", desired, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED), new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED)));
    }

    static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void noticeToImds(int samples) throws Exception {
        try (SpotSim sim = SpotSim.builder().instances(1).start()) {
            String id = sim.firstInstanceId();
            String url = sim.imdsEndpoint() + "/latest/meta-data/spot/instance-action";
            double[] rtt = new double[samples];
            double[] visible = new double[samples];
            for (int i = 0; i < 2000; i++) {
                get(url);
            }
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                get(url);
                rtt[i] = (System.nanoTime() - t0) / 1e6;
            }
            for (int i = 0; i < samples; i++) {
                var plan = sim.interrupt(id, new InterruptRequest(null, Duration.ofMinutes(2), Duration.ofMillis(30), null));
                long noticeNanos = System.nanoTime() + Duration.between(java.time.Instant.now(), plan.noticeTime()).toNanos();
                while (get(url) != 200) {
                    Thread.onSpinWait();
                }
                visible[i] = Math.max(0, (System.nanoTime() - noticeNanos) / 1e6);
                sim.fleet().reset(id);
                while (get(sim.imdsEndpoint() + "/latest/meta-data/instance-id") != 200) {
                    Thread.sleep(1);
                }
            }
            report("notice -> IMDS visibility (ms)", visible, "IMDS GET round trip (ms)", rtt);
        }
    }

    static HttpServer receiver(Map<String, Long> arrivals, AtomicInteger count) throws Exception {
        return receiver(arrivals, count, 0);
    }

    static HttpServer receiver(Map<String, Long> arrivals, AtomicInteger count, int port) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        s.createContext("/hook", ex -> {
            long now = System.nanoTime();
            String body = new String(ex.getRequestBody().readAllBytes());
            int at = body.indexOf("\"instance-id\":\"");
            if (at >= 0) {
                arrivals.putIfAbsent(body.substring(at + 15, body.indexOf('"', at + 15)), now);
            }
            count.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    static void stateChangeToWebhook(int samples) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer recv = receiver(arrivals, new AtomicInteger());
        String hook = "http://127.0.0.1:" + recv.getAddress().getPort() + "/hook";
        try (SpotSim sim = SpotSim.builder().group(group(samples))
                .eventSinks(List.of(warningsTo(hook))).start()) {
            double[] post = new double[samples];
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                HTTP.send(HttpRequest.newBuilder(URI.create(hook)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
                post[i] = (System.nanoTime() - t0) / 1e6;
            }
            double[] delivery = new double[samples];
            var ids = sim.instances().stream().map(v -> v.instanceId()).toList();
            for (int i = 0; i < samples; i++) {
                // The notice (the state change) is applied inside this call, before it returns.
                long changed = System.nanoTime();
                sim.interrupt(ids.get(i), InterruptRequest.awsDefault());
                while (!arrivals.containsKey(ids.get(i))) {
                    // The receiver stamps the arrival; waiting here must not spin a core away from the simulator.
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
                delivery[i] = (arrivals.get(ids.get(i)) - changed) / 1e6;
            }
            report("state change -> webhook delivery (ms)", delivery, "POST round trip to the receiver (ms)", post);
        } finally {
            recv.stop(0);
        }
    }

    static void simultaneous(int n) throws Exception {
        double[] loop = postLoop(n);
        double[] burst = allDelivered(n);
        System.out.printf("%-44s %10.1f ms (all published after %.1f ms, %d POSTs, %.0f ms CPU)   baseline (%d plain POSTs one after another) %8.1f ms   ratio %.2f%n",
                n + " simultaneous interruptions, all delivered", burst[0], burst[1], (long) burst[2], burst[3], n, loop[0], burst[0] / loop[0]);
    }

    /** CPU time this JVM (simulator, receiver and bench alike) has used so far. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {@code n} plain POSTs of an event-sized body, one after another, to a fresh receiver: total ms. */
    static double[] postLoop(int n) throws Exception {
        HttpServer recv = receiver(new ConcurrentHashMap<>(), new AtomicInteger());
        try {
            URI hook = URI.create("http://127.0.0.1:" + recv.getAddress().getPort() + "/hook");
            String body = "{\"version\":\"0\",\"id\":\"" + java.util.UUID.randomUUID() + "\",\"detail-type\":\"EC2 Spot Instance Interruption Warning\","
                    + "\"source\":\"aws.ec2\",\"account\":\"123456789012\",\"time\":\"2026-11-29T12:00:00Z\",\"region\":\"us-east-1\","
                    + "\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/i-0000\"],\"detail\":{\"instance-id\":\"i-0000\",\"instance-action\":\"terminate\"}}";
            for (int i = 0; i < 200; i++) {
                HTTP.send(HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HTTP.send(HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            }
            return new double[] {(System.nanoTime() - t0) / 1e6};
        } finally {
            recv.stop(0);
        }
    }

    /**
     * Interrupts {@code n} instances at one instant; {ms until a webhook has every warning, ms until
     * the bus has published them all, POSTs the receiver took}.
     */
    static double[] allDelivered(int n) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        HttpServer recv = receiver(arrivals, count);
        String hook = "http://127.0.0.1:" + recv.getAddress().getPort() + "/hook";
        java.nio.file.Path journal = java.nio.file.Files.createTempFile("spotsim-bench", ".jsonl");
        try (SpotSim sim = SpotSim.builder().group(group(n)).eventJournal(journal)
                .eventSinks(List.of(warningsTo(hook))).start()) {
            PublishedClock warnings = new PublishedClock(n);
            sim.events().subscribe(warnings, EventPattern.parse(new ObjectMapper().readTree("{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}")));
            // Once start-up work has settled (the group's launch events, the identity keys made 2 s after start).
            var at = java.time.Instant.now().plusMillis(3000);
            sim.fleet().scheduleInterruption(at, Selection.everything(), InterruptRequest.awsDefault(), 1);
            long atNanos = System.nanoTime() + Duration.between(java.time.Instant.now(), at).toNanos();
            while (System.nanoTime() < atNanos) {
                Thread.sleep(1);
            }
            long cpu0 = processCpuNanos();
            while (arrivals.size() < n) {
                Thread.sleep(1);
            }
            long done = System.nanoTime();
            long published = warnings.allAt();
            return new double[] {(done - atNanos) / 1e6, ((published == 0 ? done : published) - atNanos) / 1e6, count.get(),
                (processCpuNanos() - cpu0) / 1e6};
        } finally {
            recv.stop(0);
            java.nio.file.Files.deleteIfExists(journal);
        }
    }

    /** A sink that notes when the bus has handed it the n-th event: when the bus had published them all. */
    static final class PublishedClock implements dev.spotsim.simulator.events.EventSink {
        private final int n;
        private int seen;
        private volatile long allAt;

        PublishedClock(int n) {
            this.n = n;
        }

        @Override
        public String name() {
            return "published-clock";
        }

        @Override
        public void deliver(Event event) {
            if (++seen == n) { // called under the bus's lock, one event at a time
                allAt = System.nanoTime();
            }
        }

        long allAt() {
            return allAt;
        }

        @Override
        public Map<String, Object> stats() {
            return Map.of("seen", seen);
        }

        @Override
        public void close() {
        }
    }

    static void catchUp(int n, Duration outage) throws Exception {
        double up = delivered(n, Duration.ZERO);
        double back = delivered(n, outage);
        System.out.printf("%-44s %10.1f ms   baseline (target up) %8.1f ms   ratio %.1f%n",
                "webhook catch-up after a " + outage.toSeconds() + " s outage", back, up, back / up);
    }

    /** Publishes {@code n} warnings with the target down for {@code outage}; ms from its return (or the publish) to the last arrival. */
    static double delivered(int n, Duration outage) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer probe = receiver(arrivals, new AtomicInteger());
        int port = probe.getAddress().getPort();
        String hook = "http://127.0.0.1:" + port + "/hook";
        if (!outage.isZero()) {
            probe.stop(0);
        }
        SinkConfig defaults = new SinkConfig("webhook", "bench", hook, null, null, null,
                new ObjectMapper().readTree("{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}"), null, null, null);
        HttpServer recv = probe;
        try (SpotSim sim = SpotSim.builder().group(group(n)).eventSinks(List.of(defaults)).start()) {
            sim.fleet().scheduleInterruption(java.time.Instant.now(), Selection.everything(), InterruptRequest.awsDefault(), 1);
            Thread.sleep(outage.toMillis());
            long from = System.nanoTime();
            if (!outage.isZero()) {
                recv = receiver(arrivals, new AtomicInteger(), port);
            }
            while (arrivals.size() < n) {
                Thread.sleep(1);
            }
            return (arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow() - from) / 1e6;
        } finally {
            recv.stop(0);
        }
    }

    static void bigFleet(int baseline, int big) throws Exception {
        double[] small = startFleet(baseline);
        double[] large = startFleet(big);
        System.out.printf("%-44s %10.0f ms, heap %6.0f MiB   baseline (%d) %6.0f ms, %5.0f MiB   ratio %.1f / %.1f%n",
                big + "-instance fleet: start, heap used", large[0], large[1], baseline, small[0], small[1], large[0] / small[0], large[1] / small[1]);
    }

    static double[] startFleet(int n) throws Exception {
        System.gc();
        long t0 = System.nanoTime();
        // Consecutive ports below the ephemeral range (as serve --port does): 10,000 free-port picks would exhaust it.
        try (SpotSim sim = SpotSim.builder().group(group(n)).imdsPort(20_000).start()) {
            double ms = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            Runtime rt = Runtime.getRuntime();
            double heap = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            if (get(sim.imdsEndpoint(sim.instances().get(n - 1).instanceId()) + "/latest/meta-data/instance-id") != 200) {
                throw new IllegalStateException("the last instance's IMDS does not answer");
            }
            return new double[] {ms, heap};
        }
    }

    static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    static void report(String name, double[] v, String baselineName, double[] b) {
        System.out.printf("%-44s p50 %7.2f  p99 %7.2f   baseline %s p50 %6.2f p99 %6.2f   ratio p50 %.2f, p99 %.2f%n",
                name, pct(v, 50), pct(v, 99), baselineName, pct(b, 50), pct(b, 99), pct(v, 50) / pct(b, 50), pct(v, 99) / pct(b, 99));
    }
}
