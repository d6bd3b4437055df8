package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotsim check}: the examples fit, impossible timings exit 2 with the field named, bad files exit 1. */
class CheckCommandTest {
    private static final Path EXAMPLES = Path.of("..", "scenarios", "examples");

    private static String scenario(String workload, String loadBalancer, String notice) {
        return """
                name: timing
                fleet:
                  group: {desired: 2}
                  pools: [{type: c5.large, az: us-east-1a}]
                workload:
                %s
                loadBalancer: %s
                interruptions:
                  - {at: 0s, notice: %s, select: {count: 1}}
                """.formatted(workload.indent(2).stripTrailing(), loadBalancer, notice);
    }

    @Test
    void everyExampleScenarioIsValidAndFitsItsNotice() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            String[] args = Stream.concat(Stream.of("check"), files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(Path::toString))
                    .toArray(String[]::new);
            assertThat(args).hasSizeGreaterThanOrEqualTo(7);
            Cli r = Cli.run(args);
            assertThat(r.exitCode).as(r.toString()).isZero();
            assertThat(r.out).contains("web-ecs-drain (ecs-ec2): the drain fits the notice", "eks-nth (eks-nth)", "batch-retries (batch)");
        }
    }

    @Test
    void anEcsDrainLongerThanTheNoticeExitsTwoAndSaysWhy(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("slow.yaml"), scenario("lane: ecs-ec2\ncommand: \"true\"\nstopTimeout: 90s",
                "{deregistrationDelay: 60s}", "2m"));
        Cli r = Cli.run("check", file.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.out).contains("the drain cannot fit the notice", "error  workload:", "deregistration delay 1m", "stopTimeout 1m30s");
    }

    @Test
    void theAlbDefaultDeregistrationDelayIsCalledOut(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("default.yaml"), scenario("lane: ecs-ec2\ncommand: \"true\"",
                "{deregistrationDelay: 300s}", "2m"));
        Cli r = Cli.run("check", file.toString());
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.out).contains("loadBalancer.deregistrationDelay: deregistration delay 5m (the ALB default)");
    }

    @Test
    void aNodeDrainThatGivesUpBeforeTheGracePeriodIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("eks.yaml"), scenario(
                "lane: eks-nth\ncommand: \"true\"\nterminationGracePeriod: 60s\ndrainTimeout: 30s", "{deregistrationDelay: 5s}", "2m"));
        Cli r = Cli.run("check", file.toString());
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.out).contains("workload.drainTimeout", "before the pods' terminationGracePeriod");
    }

    @Test
    void anInvalidFileExitsOneWithFileLineAndField(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), scenario("lane: fargate-spot\ncommand: \"true\"\nstopTimeout: 3m",
                "{deregistrationDelay: 5s}", "2m"));
        Path ok = EXAMPLES.resolve("web-ecs-drain.yaml");
        Cli r = Cli.run("check", ok.toString(), file.toString());
        assertThat(r.exitCode).as("an invalid file outranks the others").isEqualTo(1);
        assertThat(r.err).contains("bad.yaml:").contains("workload").contains("Fargate allows at most 120s").doesNotContain("Exception");
        assertThat(Cli.run("check", dir.resolve("missing.yaml").toString()).exitCode).isEqualTo(1);
    }
}
