package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.cli.SpotsimCommand;
import dev.spotsim.gameday.run.RunClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** {@code spotsim gameday} up to its first AWS call: help, bad input and refusals are one line and exit 1; credentials never show. */
class GamedayCommandTest {
    private static final String SECRET = "spotsim/fake/secret/never/printed";
    private static final String SCENARIO = """
            name: web-gameday
            fleet:
              group: {desired: 4}
              pools: [{type: c5.large, az: us-east-1a}]
            workload: {lane: app, command: "true"}
            interruptions:
              - at: 30s
                select: {count: 1}
            slos: {recoveryTime.max: "< 5m"}
            gameday:
              targets: {autoScalingGroup: web-asg}
              fisRoleArn: arn:aws:iam::123456789012:role/spotsim-fis
            """;

    @TempDir
    Path dir;

    private record Ran(int exit, String out, String err) {
    }

    private Ran gameday(Map<String, String> env, String... args) {
        GamedayCommand command = new GamedayCommand(new GamedayCommand.Wiring(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSPOTSIMFAKEKEY01", SECRET)),
                AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1))).build(),
                RunClock.system(), env, false));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Ran(exit, out.toString(), err.toString());
    }

    private Path scenario(String yaml) throws IOException {
        return Files.writeString(dir.resolve("gameday.yaml"), yaml);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void helpDescribesTheCommandThroughSpotsim() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine spotsim = SpotsimCommand.commandLine(Map.of()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        int exit = spotsim.execute("gameday", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: spotsim gameday", "--execute", "--region", "--profile", "--endpoint-url-ec2",
                "--endpoint-url-ssm", "--endpoint-url-fis", "--max-instances", "--max-percent", "--fis-role-arn", "Dry run by default",
                "never printed", "Exit codes", "at most P% of the group");
        assertThat(err.toString()).as("picocli format warnings").isEmpty();
    }

    @Test
    void aMissingFileIsOneLine() {
        Ran ran = gameday(Map.of(), dir.resolve("none.yaml").toString());

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.err()).isEqualTo("spotsim: " + dir.resolve("none.yaml") + ": no such file" + System.lineSeparator());
    }

    @Test
    void aScenarioWithoutAGamedaySectionIsRefusedBeforeAnyAwsCall() throws IOException {
        Path file = scenario(SCENARIO.substring(0, SCENARIO.indexOf("gameday:")));

        Ran ran = gameday(Map.of(), file.toString());

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.err()).startsWith("spotsim: " + file + ": gameday: the scenario has no gameday section");
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void withoutARegionItAsksForOne() throws IOException {
        Ran ran = gameday(Map.of(), "--profile", "spotsim-test-no-such-profile", scenario(SCENARIO).toString());

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.err()).startsWith("spotsim: --region: no region given");
    }

    @Test
    void aBadBlastRadiusFlagIsOneLine() throws IOException {
        Ran ran = gameday(Map.of("AWS_REGION", "us-east-1"), "--max-percent", "150", scenario(SCENARIO).toString());

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.err()).startsWith("spotsim: --max-percent: expected above 0 and at most 100, got 150.0");
    }

    @Test
    void unreachableAwsIsOneLineAndShowsNoCredentials() throws IOException {
        String endpoint = "http://127.0.0.1:" + closedPort();

        Ran ran = gameday(Map.of(), "--region", "us-east-1", "--endpoint-url-ec2", endpoint, "--endpoint-url-ssm", endpoint,
                "--endpoint-url-fis", endpoint, scenario(SCENARIO).toString());

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.err()).startsWith("spotsim: AWS: ").contains("Unable to execute HTTP request").doesNotContain("\tat ");
        assertThat(ran.err().lines()).hasSize(1);
        assertThat(ran.out() + ran.err()).doesNotContain(SECRET, "AKIDSPOTSIMFAKEKEY01");
    }
}
