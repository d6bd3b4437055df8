package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.workload.container.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotsim check} on container workloads: hop limit, shell form, the image's own config, bad fields with file:line:col. */
class ContainerCheckCommandTest {
    @TempDir
    Path dir;

    private Path scenario(String lane, String imdsv2, String container) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), """
                name: containers
                fleet:
                  group: {desired: 1}
                  pools: [{type: c5.large, az: us-east-1a}]
                  imdsv2: %s
                workload:
                  lane: %s
                  container:
                %s
                loadBalancer: {deregistrationDelay: 5s}
                interruptions:
                  - {at: 0s, notice: 2m, select: {count: 1}}
                """.formatted(imdsv2, lane, container.indent(4).stripTrailing()));
    }

    @Test
    void aBridgeContainerWithHopLimitOneThatMustWatchImdsv2ItselfCannotSeeTheNotice() throws IOException {
        Cli r = Cli.run("check", scenario("app", "required", "image: spotsim-samples/drain-aware:exec\npull: never").toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.out).contains("error  workload.container.httpPutResponseHopLimit:", "gets no answer", "never sees the notice",
                "httpPutResponseHopLimit: 2");
    }

    @Test
    void hopLimitTwoOrHostNetworkingLetsTheTokenThrough() throws IOException {
        Cli two = Cli.run("check", scenario("app", "required", "image: a/b:c\npull: never\nhttpPutResponseHopLimit: 2").toString());
        Cli host = Cli.run("check", scenario("app", "required", "image: a/b:c\npull: never\nnetwork: host").toString());

        assertThat(two.out).doesNotContain("httpPutResponseHopLimit:");
        assertThat(host.out).doesNotContain("httpPutResponseHopLimit:");
    }

    @Test
    void aShellFormCommandOverrideWithoutInitIsCalledOut() throws IOException {
        Cli r = Cli.run("check", scenario("ecs-ec2", "optional", "image: a/b:c\nnetwork: host\ncommand: \"java -jar /app.jar\"").toString());

        assertThat(r.out).contains("warning  workload.container.command: shell form (/bin/sh -c java -jar /app.jar)", "init: true");
    }

    @Test
    void aBadContainerFieldIsReportedWithFileLineAndColumn() throws IOException {
        Path file = scenario("ecs-ec2", "optional", "image: a/b:c\npull: sometimes");
        Cli r = Cli.run("check", file.toString());

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains(file + ":").contains("pull: expected one of [never, missing, always], got \"sometimes\"").doesNotContain("Exception");
    }

    @Test
    void aCommandThatIsNeitherAStringNorAListIsReportedWithItsPosition() throws IOException {
        Path file = scenario("ecs-ec2", "optional", "image: a/b:c\ncommand: {run: java}");
        Cli r = Cli.run("check", file.toString());

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).containsPattern("c\\.yaml:\\d+:\\d+").contains("command").contains("shell form").doesNotContain("Exception");
    }

    @Test
    void theImagesShellFormCmdIsReadFromTheEngineAndExplained() throws IOException {
        try (DockerEngine engine = DockerEngine.connect(System.getenv())) {
            Assumptions.assumeTrue(engine.inspectImage("spotsim-samples/drain-aware:shell") != null, "sample images not built");
        } catch (DockerEngine.EngineUnavailableException e) {
            Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv("CI")), "CI must have an engine: " + e.getMessage());
            Assumptions.abort("no container engine: " + e.getMessage());
        }
        Cli r = Cli.run("check", scenario("ecs-ec2", "optional", "image: spotsim-samples/drain-aware:shell\npull: never\nnetwork: host\n"
                + "containerPort: 9000").toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("spotsim-samples/drain-aware:shell: the image's CMD is shell form (/bin/sh -c java", "SIGKILLed (exit 137)",
                "use the exec form").contains("containerPort 9000 is not among the ports the image EXPOSEs [8080]");
    }
}
