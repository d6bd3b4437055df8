package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.render.RecordFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotsim run --baseline}: SLOs relative to an earlier run's figures gate a real run. */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RelativeSloRunTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path out;

    @Test
    void aRunThatDrainsSlowerThanItsBaselineBreaksTheRelativeSloAndExitsTwo() throws IOException {
        Path scenario = Files.writeString(out.resolve("relative.yaml"), scenario("drainTime.max: \"<= baseline + 10%\""));
        // A baseline that drained in 0.1 s: the sample service takes its 1.5 s grace, far beyond baseline + 10%.
        Path baseline = baseline(Duration.ofMillis(100));

        Cli r = Cli.run("run", scenario.toString(), "--baseline", baseline.toString(), "--out", out.resolve("runs").toString(),
                "--workdir", REPO.toString(), "--quiet");

        assertThat(r.exitCode).as("%s", r.out + r.err).isEqualTo(2);
        assertThat(r.out).containsPattern("drainTime\\.max = \\d+(\\.\\d)?s, expected <= baseline \\+ 10% \\(baseline 0\\.1s, limit 0\\.1s\\)");
        assertThat(r.err).doesNotContain("no --baseline");
        // The report shows the run beside its baseline, the slower drain marked worse.
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            Path runDir = runs.findFirst().orElseThrow();
            assertThat(Files.readString(runDir.resolve("report.html"))).contains("<section id=\"baseline\">", "Baseline <b>baseline</b>")
                    .containsPattern("<code>drainTime\\.max</code></td><td class=\"num\">0\\.1s</td>.*?<span class=\"pill bad\">worse</span>");
        }
    }

    @Test
    void anUnreadableBaselineIsOneLineAndStartsNothing() throws IOException {
        Path scenario = Files.writeString(out.resolve("relative.yaml"), scenario("drainTime.max: \"<= baseline + 10%\""));

        Cli r = Cli.run("run", scenario.toString(), "--baseline", out.resolve("missing-run").toString(), "--out",
                out.resolve("runs").toString(), "--workdir", REPO.toString(), "--quiet");

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).contains(out.resolve("missing-run").toString(), "not found");
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(out.resolve("runs")).doesNotExist();
    }

    private Path baseline(Duration drain) throws IOException {
        Path dir = Files.createDirectories(out.resolve("baseline-run"));
        PhaseStats total = new PhaseStats(300, 0, Map.of(), 2, 3, 4, 5, 9, 2, 15);
        Measures m = new Measures(List.of(Duration.ofMillis(500)), List.of(drain), 0, Map.of(), total, Duration.ZERO, 2, 2);
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        RunRecord record = new RunRecord("baseline", "relative", "local", 9, t, t.plusSeconds(20), "completed", null, List.of(), List.of(),
                List.of(), m, List.of(), 0);
        Files.writeString(dir.resolve("run.json"), RecordFiles.json().writeValueAsString(record));
        return dir;
    }

    private static String scenario(String slo) {
        return """
                name: relative
                fleet:
                  group: {name: web, desired: 2, launchDelay: 2s}
                  pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
                workload:
                  lane: ecs-ec2
                  command: "java examples/workloads/DrainAwareService.java"
                  env: {DRAIN_GRACE_MS: "1500"}
                  stopTimeout: 5s
                  healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                loadBalancer: {deregistrationDelay: 2s}
                load:
                  rps: 10
                  duration: 12s
                  requests: [{name: home, path: /}]
                interruptions:
                  - {at: 2s, notice: 8s, select: {count: 1}}
                slos:
                  %s
                seed: 9
                """.formatted(slo);
    }

    static long runDirs(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.count();
        }
    }
}
