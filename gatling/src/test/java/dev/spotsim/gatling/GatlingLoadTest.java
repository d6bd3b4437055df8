package dev.spotsim.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.spotsim.scenarios.model.LoadSpec;
import dev.spotsim.scenarios.model.LoadSpec.Request;

/** Gatling runs in-process against a real HTTP server on 127.0.0.1 (or a closed port). */
class GatlingLoadTest {
    private final ConcurrentLinkedQueue<RequestOutcome> outcomes = new ConcurrentLinkedQueue<>();
    private final RequestListener listener = outcomes::add;

    private Map<String, Long> count(java.util.function.Function<RequestOutcome, String> key) {
        return outcomes.stream().collect(java.util.stream.Collectors.groupingBy(key, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    @Test
    void shortRunSendsWeightedNamedRequestsAtTheRate(TestInfo test) throws Exception {
        try (TargetServer server = TargetServer.start(router -> {
            router.get("/home").handler(ctx -> ctx.response().end("home"));
            router.post("/api").handler(ctx -> ctx.request().body().onSuccess(body -> ctx.response()
                    .setStatusCode("yes".equals(ctx.request().getHeader("X-Spotsim")) && body.toString().equals("{\"a\":1}") ? 201 : 400)
                    .end()));
        })) {
            LoadSpec load = load(50, Duration.ofSeconds(3),
                    new Request("home", "GET", "/home", null, null, 3),
                    new Request("api", "POST", "/api", "{\"a\":1}", Map.of("X-Spotsim", "yes"), 1));
            Instant origin = Instant.now();

            LoadResult result = timed(test, new GatlingLoad(load, server.baseUrl(), resultsDir(test), listener));

            assertThat(result.gatlingExitCode()).isZero();
            assertThat(result.stoppedEarly()).isFalse();
            assertThat(result.failures()).isZero();
            assertThat(result.requests()).isEqualTo(outcomes.size()).isBetween(140L, 160L);
            Map<String, Long> byName = count(RequestOutcome::name);
            assertThat(byName.keySet()).containsExactly("api", "home");
            assertThat(byName.get("home")).isBetween(105L, 120L);
            assertThat(byName.get("api")).isBetween(33L, 42L);
            // What we recorded is what the target received, and the POST arrived with its header and body.
            assertThat(server.hits("GET /home")).isEqualTo(byName.get("home").intValue());
            assertThat(server.hits("POST /api")).isEqualTo(byName.get("api").intValue());
            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.failed()).isFalse();
                assertThat(outcome.status()).isIn(200, 201);
                assertThat(outcome.end()).isAfterOrEqualTo(outcome.start());
            });

            Map<String, Long> perSecond = count(o -> Long.toString(Duration.between(origin, o.start()).toSeconds()));
            assertThat(perSecond).hasSizeBetween(3, 7);
            assertThat(perSecond.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.requests());
            assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(70));
            assertThat(result.reportDir()).isNotNull().startsWith(resultsDir(test).toAbsolutePath());
            assertThat(result.reportDir().resolve("index.html")).isRegularFile();
        }
    }

    @Test
    void answers5xxAreFailuresByTheirStatusCode(TestInfo test) throws Exception {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger answered503 = new AtomicInteger();
        AtomicInteger answered502 = new AtomicInteger();
        try (TargetServer server = TargetServer.start(router -> router.get("/flaky").handler(ctx -> {
            switch (served.incrementAndGet() % 4) {
                case 1 -> ctx.response().setStatusCode(503).end(String.valueOf(answered503.incrementAndGet()));
                case 2 -> ctx.response().setStatusCode(502).end(String.valueOf(answered502.incrementAndGet()));
                default -> ctx.response().end("ok");
            }
        }))) {
            LoadSpec load = load(40, Duration.ofSeconds(2), new Request("flaky", "GET", "/flaky", null, null, null));

            LoadResult result = timed(test, new GatlingLoad(load, server.baseUrl(), resultsDir(test), listener));

            assertThat((long) outcomes.size()).isEqualTo(served.get()).isEqualTo(result.requests()).isBetween(70L, 90L);
            assertThat(count(o -> o.failed() ? o.failureCause() : "ok")).containsOnly(Map.entry("ok", (long) (served.get() - answered503.get() - answered502.get())),
                    Map.entry("503", (long) answered503.get()), Map.entry("502", (long) answered502.get()));
            assertThat(result.failures()).isEqualTo(answered503.get() + answered502.get());
            assertThat(outcomes).filteredOn(RequestOutcome::failed).allSatisfy(outcome ->
                    assertThat(outcome.failureCause()).isEqualTo(String.valueOf(outcome.status())));
        }
    }

    @Test
    void closedTargetFailsWithConnectionRefused(TestInfo test) throws Exception {
        LoadSpec load = load(20, Duration.ofSeconds(1), new Request("home", "GET", "/", null, null, null));

        LoadResult result = timed(test, new GatlingLoad(load, closedPort(), resultsDir(test), listener));

        assertThat(result.requests()).isBetween(15L, 25L);
        assertThat(result.failures()).isEqualTo(result.requests());
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.status()).isZero();
            assertThat(outcome.failureCause()).isEqualTo(FailureCause.CONNECTION_REFUSED);
        });
    }

    @Test
    void stopMidRunEndsTheLoadWithinSecondsAndKeepsTheReport(TestInfo test) throws Exception {
        try (TargetServer server = TargetServer.start(router -> router.get("/").handler(ctx -> ctx.response().end("ok")))) {
            LoadSpec load = load(20, Duration.ofSeconds(60), new Request("home", "GET", "/", null, null, null));
            GatlingLoad gatling = new GatlingLoad(load, server.baseUrl(), resultsDir(test), listener);
            Instant launched = Instant.now();
            CompletableFuture<LoadResult> running = CompletableFuture.supplyAsync(gatling::run);
            try {
                Instant started = gatling.started().toCompletableFuture().get(20, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() >= 10);
                assertThat(started).isBetween(launched, Instant.now());

                long stopAsked = System.nanoTime();
                gatling.stop();
                gatling.stop();
                LoadResult result = running.get(20, TimeUnit.SECONDS);
                System.out.printf("%s: run() returned %d ms after stop()%n", test.getDisplayName(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAsked));

                assertThat(result.stoppedEarly()).isTrue();
                assertThat(result.gatlingExitCode()).isZero();
                assertThat(result.requests()).isBetween(10L, 600L);
                assertThat(result.reportDir()).isNotNull();
                assertThat(result.reportDir().resolve("index.html")).isRegularFile();
            } finally {
                stopAndWait(gatling, running);
            }
        }
    }

    @Test
    void stopWhileGatlingIsStillStartingIsNotLost(TestInfo test) throws Exception {
        GatlingLoad gatling = new GatlingLoad(load(20, Duration.ofSeconds(60), new Request("home", "GET", "/", null, null, null)),
                closedPort(), resultsDir(test), listener);
        CompletableFuture<LoadResult> running = CompletableFuture.supplyAsync(gatling::run);
        try {
            // The run is launched (its base URL is published) but Gatling is still building it.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> System.getProperty(GatlingLoad.BASE_URL_PROPERTY) != null);

            gatling.stop();

            // Were the stop lost, the load would go on for its 60 s.
            LoadResult result = running.get(20, TimeUnit.SECONDS);
            assertThat(result.stoppedEarly()).isTrue();
            assertThat(result.gatlingExitCode()).isZero();
            assertThat(result.requests()).isLessThan(200);
        } finally {
            stopAndWait(gatling, running);
        }
    }

    @Test
    void stopBeforeRunMeansNoLoad(TestInfo test) {
        GatlingLoad gatling = new GatlingLoad(load(20, Duration.ofSeconds(60), new Request("home", "GET", "/", null, null, null)),
                closedPort(), resultsDir(test), listener);
        gatling.stop();

        LoadResult result = gatling.run();

        assertThat(result).isEqualTo(new LoadResult(0, null, 0, 0, true));
        assertThat(outcomes).isEmpty();
        assertThat(gatling.started().toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(gatling::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("already ran");
    }

    @Test
    void usersOwnSimulationRunsByNameAndIsTapped(TestInfo test) throws Exception {
        try (TargetServer server = TargetServer.start(router -> {
            router.get("/ping").handler(ctx -> ctx.response().end("pong"));
            router.get("/hang").handler(ctx -> { /* never answers */ });
        })) {
            LoadSpec load = new LoadSpec(null, null, Duration.ofSeconds(1), null, PingSimulation.class.getName());

            LoadResult result = timed(test, new GatlingLoad(load, server.baseUrl(), resultsDir(test), listener));

            // The Simulation's own assertion (no failed request) fails: Gatling's code for that is 2.
            assertThat(result.gatlingExitCode()).isEqualTo(2);
            assertThat(server.hits("GET /ping")).isEqualTo(PingSimulation.USERS);
            Map<String, List<String>> causesByName = outcomes.stream().collect(Collectors.groupingBy(RequestOutcome::name,
                    Collectors.mapping(outcome -> String.valueOf(outcome.failureCause()), Collectors.toList())));
            assertThat(causesByName).containsOnlyKeys("ping", "hang");
            assertThat(causesByName.get("ping")).hasSize(PingSimulation.USERS).containsOnly("null");
            assertThat(causesByName.get("hang")).hasSize(PingSimulation.USERS).containsOnly(FailureCause.TIMEOUT);
            assertThat(result.requests()).isEqualTo(2L * PingSimulation.USERS);
            assertThat(result.failures()).isEqualTo(PingSimulation.USERS);
            assertThat(System.getProperty(GatlingLoad.BASE_URL_PROPERTY)).isNull();
        }
    }

    @Test
    @SuppressWarnings("removal") // a SecurityManager is the JDK's one hook that sees every host lookup and URL connection
    void aRunLooksUpAndConnectsToNothingButItsTarget(TestInfo test) throws Exception {
        Set<String> contacted = ConcurrentHashMap.newKeySet();
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
            }

            @Override
            public void checkConnect(String host, int port) {
                contacted.add(host);
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                contacted.add(host);
            }
        };
        try (TargetServer server = TargetServer.start(router -> {
            router.get("/ping").handler(ctx -> ctx.response().end("pong"));
            router.get("/hang").handler(ctx -> { /* never answers */ });
        })) {
            // A user's Simulation that does not disable Gatling's warm-up: spotsim's configuration must.
            GatlingLoad gatling = new GatlingLoad(new LoadSpec(null, null, Duration.ofSeconds(1), null, PingSimulation.class.getName()),
                    server.baseUrl(), resultsDir(test), listener);
            System.setSecurityManager(recorder);
            try {
                timed(test, gatling);
            } finally {
                System.setSecurityManager(null);
            }
        }
        // Covers analytics and the warm-up on every run; Gatling's version check only when this is the
        // JVM's first run (Gatling checks once per JVM), so versionCheckStateStaysInsideTarget covers its seed.
        assertThat(outcomes).isNotEmpty();
        assertThat(contacted).allSatisfy(host -> assertThat(host).isIn("127.0.0.1", "localhost", "/127.0.0.1"));
    }

    @Test
    void unknownOrWrongSimulationClassIsAClearError(TestInfo test) {
        URI target = URI.create("http://127.0.0.1:9");
        assertThatThrownBy(() -> new GatlingLoad(new LoadSpec(null, null, Duration.ofSeconds(1), null, "com.example.NoSuchSimulation"),
                target, resultsDir(test), listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("load.simulation: class com.example.NoSuchSimulation is not on the classpath");
        assertThatThrownBy(() -> new GatlingLoad(new LoadSpec(null, null, Duration.ofSeconds(1), null, NotASimulation.class.getName()),
                target, resultsDir(test), listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("load.simulation: " + NotASimulation.class.getName() + " does not extend io.gatling.javaapi.core.Simulation");
        assertThatThrownBy(() -> new GatlingLoad(load(1, Duration.ofSeconds(1), new Request("home", "GET", "/", null, null, null)),
                URI.create("ftp://127.0.0.1/"), resultsDir(test), listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base URL");
    }

    @Test
    void simulationThatCannotBeBuiltIsAClearErrorAndLeavesNoRunBehind(TestInfo test) {
        GatlingLoad gatling = new GatlingLoad(new LoadSpec(null, null, Duration.ofSeconds(1), null, BrokenSimulation.class.getName()),
                closedPort(), resultsDir(test), listener);

        assertThatThrownBy(gatling::run)
                .isInstanceOf(GatlingLoadException.class)
                .hasMessageContaining(BrokenSimulation.class.getName())
                .hasMessageContaining("TARGET_TOKEN is not set");
        assertThat(System.getProperty(GatlingLoad.BASE_URL_PROPERTY)).isNull();
    }

    @Test
    void consecutiveRunsInOneJvmEachUseTheirOwnRateAndRamp(TestInfo test) throws Exception {
        try (TargetServer server = TargetServer.start(router -> router.get("/").handler(ctx -> ctx.response().end("ok")))) {
            List<Request> home = List.of(new Request("home", "GET", "/", null, null, null));
            List<RequestOutcome> first = runCollecting(test, new LoadSpec(10.0, null, Duration.ofSeconds(2), home, null), server.baseUrl());
            // A 1 s ramp from 0 to 40/s sends about 20, then 1 s at 40/s about 40.
            List<RequestOutcome> second = runCollecting(test,
                    new LoadSpec(40.0, Duration.ofSeconds(1), Duration.ofSeconds(2), home, null), server.baseUrl());

            assertThat(first).hasSizeBetween(15, 25);
            assertThat(second).hasSizeBetween(50, 70);
            assertThat(server.totalHits()).isEqualTo(first.size() + second.size());
        }
    }

    @Test
    void versionCheckStateStaysInsideTarget(TestInfo test) throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        timed(test, new GatlingLoad(load(5, Duration.ofSeconds(1), new Request("home", "GET", "/", null, null, null)),
                closedPort(), resultsDir(test), listener));

        // java.util.prefs.userRoot points into target/ (surefire); Gatling reads the seeded node from there.
        Path prefsRoot = Path.of(System.getProperty("java.util.prefs.userRoot"));
        assertThat(prefsRoot.toAbsolutePath().normalize()).startsWith(Path.of("target").toAbsolutePath());
        assertThat(prefsRoot.resolve(".java/.userPrefs/io/gatling/latestVersion/prefs.xml")).isRegularFile();
        Path homePrefs = Path.of(System.getProperty("user.home"), ".java/.userPrefs/io/gatling/latestVersion/prefs.xml");
        if (Files.exists(homePrefs)) {
            assertThat(Files.getLastModifiedTime(homePrefs).toInstant()).isBefore(before);
        }
    }

    /** A failed test must not leave its load running into the next test (loads take turns). */
    private static void stopAndWait(GatlingLoad gatling, CompletableFuture<LoadResult> running) {
        gatling.stop();
        try {
            running.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The test already reports what went wrong.
        }
    }

    private List<RequestOutcome> runCollecting(TestInfo test, LoadSpec load, URI target) {
        ConcurrentLinkedQueue<RequestOutcome> collected = new ConcurrentLinkedQueue<>();
        timed(test, new GatlingLoad(load, target, resultsDir(test), collected::add));
        return List.copyOf(collected);
    }

    /** Runs the load, printing how long it took (figures for budgeting the build, not assertions). */
    private static LoadResult timed(TestInfo test, GatlingLoad gatling) {
        long start = System.nanoTime();
        LoadResult result = gatling.run();
        System.out.printf("%s: run() took %d ms, %d requests%n", test.getDisplayName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), result.requests());
        return result;
    }

    private static LoadSpec load(double rps, Duration duration, Request... requests) {
        return new LoadSpec(rps, null, duration, List.of(requests), null);
    }

    private static Path resultsDir(TestInfo test) {
        return Path.of("target", "gatling-results", test.getTestMethod().orElseThrow().getName());
    }

    /** A port on 127.0.0.1 that was free a moment ago and has nothing listening. */
    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
