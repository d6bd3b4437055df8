package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.cli.SpotsimCommand;
import dev.spotsim.reports.render.RecordFiles;
import dev.spotsim.simulator.SpotSim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The game day rehearsed on the simulator, end to end through the command line: gameday/examples/local-gameday.yaml
 * with {@code --local --execute} (FIS interrupts two instances, Gatling load via SSM on two generators, drain measured,
 * exit 0), its variant whose stop condition breaks (the running experiment stopped, the commands cancelled, exit 2), and
 * the dry run against a running simulator, which afterwards holds no experiment and no command.
 * Skipped until the simulator serves EC2, FIS and SSM at its control port's root.
 */
class LocalGamedayTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = REPO.resolve("gameday/examples/local-gameday.yaml");
    /** The example cut to one FIS experiment on two instances, so the test takes about 3 minutes, not 5. */
    private static final Path SHORT = REPO.resolve("cli/src/test/resources/gameday/local-gameday-ci.yaml");

    @TempDir
    Path dir;

    private record Ran(int exit, String out, String err) {
    }

    private static Ran spotsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SpotsimCommand.commandLine(Map.of()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return new Ran(cmd.execute(args), out.toString(), err.toString());
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B at(B builder, SpotSim sim) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + sim.controlPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSPOTSIMTEST00001", "fake")));
    }

    @BeforeAll
    static void theSimulatorServesTheGamedaysApis() {
        try (SpotSim sim = SpotSim.builder().instances(1).start();
             Ec2Client ec2 = at(Ec2Client.builder(), sim).httpClient(UrlConnectionHttpClient.create()).build();
             FisClient fis = at(FisClient.builder(), sim).httpClient(UrlConnectionHttpClient.create()).build();
             SsmClient ssm = at(SsmClient.builder(), sim).httpClient(UrlConnectionHttpClient.create()).build()) {
            ec2.describeInstances();
            fis.listExperiments(b -> { });
            ssm.listCommands(b -> { });
        } catch (RuntimeException e) {
            assumeTrue(false, "the simulator does not serve EC2, FIS and SSM yet: " + e.getMessage());
        }
    }

    @Test
    void theDryRunAgainstASimulatorMakesOnlyReadCalls() throws Exception {
        Path scenario = Files.writeString(dir.resolve("g.yaml"), Files.readString(EXAMPLE));
        try (SpotSim sim = SpotSim.builder().group(dev.spotsim.simulator.fleet.GroupSpec.from(
                new dev.spotsim.scenarios.parse.StructuredReader().read(scenario, dev.spotsim.scenarios.model.Scenario.class).fleet())).start();
             FisClient fis = at(FisClient.builder(), sim).httpClient(UrlConnectionHttpClient.create()).build();
             SsmClient ssm = at(SsmClient.builder(), sim).httpClient(UrlConnectionHttpClient.create()).build()) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> sim.instances().stream()
                    .filter(v -> v.state() == dev.spotsim.simulator.instance.InstanceState.RUNNING).count() >= 4);
            // No generators run beside this fleet: the plan without them.
            Path noLoad = Files.writeString(dir.resolve("g2.yaml"), Files.readString(scenario).replaceAll("(?s)  loadGenerators:.*?  blastRadius", "  blastRadius"));

            // Fake keys given to the command: the default chain must never be asked (it would try an instance metadata address).
            GamedayCommand command = new GamedayCommand(new GamedayCommand.Wiring(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSPOTSIMTEST00001", "fake")), null,
                    dev.spotsim.gameday.run.RunClock.system(), Map.of(), false));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(noLoad.toString(),
                    "--endpoint-url", "http://127.0.0.1:" + sim.controlPort(), "--region", "us-east-1", "--out", dir.toString());
            Ran ran = new Ran(exit, out.toString(), err.toString());

            assertThat(ran.exit()).as(ran.err()).isZero();
            assertThat(ran.out()).contains("DRY RUN", "aws:ec2:send-spot-instance-interruptions");
            // What the simulator received from the dry run: reads only (Describe*, List*, Get*, REST GETs).
            java.util.List<dev.spotsim.simulator.aws.AwsCalls.Call> received = sim.awsCalls().calls();
            assertThat(received).isNotEmpty().allSatisfy(c -> assertThat(c.isRead()).as(c.toString()).isTrue());
            assertThat(received).extracting(dev.spotsim.simulator.aws.AwsCalls.Call::operation).contains("DescribeInstances");
            assertThat(fis.listExperimentTemplates(b -> { }).experimentTemplates()).isEmpty();
            assertThat(fis.listExperiments(b -> { }).experiments()).isEmpty();
            assertThat(ssm.listCommands(b -> { }).commands()).isEmpty();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("gameday-e2e")
    void theExampleGamedayPassesOnTheSimulator() throws Exception {
        Ran ran = spotsim("gameday", SHORT.toString(), "--local", "--execute", "--workdir", REPO.toString(), "--out", dir.toString(),
                "--run-id", "local-pass");

        assertThat(ran.exit()).as(ran.out() + ran.err()).isZero();
        Path run = dir.resolve("local-pass");
        assertThat(run.resolve("junit.xml")).exists();
        assertThat(run.resolve("report.html")).exists();
        JsonNode record = RecordFiles.json().readTree(Files.readString(run.resolve("run.json")));
        assertThat(record.path("outcome").asText()).isEqualTo("completed");
        assertThat(record.path("workloads").size()).isEqualTo(2);
        assertThat(record.at("/measures/total/requests").asLong()).isPositive();
        JsonNode gameday = RecordFiles.json().readTree(Files.readString(run.resolve("gameday.json")));
        assertThat(gameday.path("steps")).hasSize(1).allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("completed"));
        assertThat(gameday.path("invocations")).hasSize(2).allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("SUCCESS"));
    }

    @Test
    @org.junit.jupiter.api.Tag("gameday-e2e")
    void aBrokenStopConditionStopsTheExperimentAndCancelsTheCommands() throws Exception {
        // Known not to pass yet: the group replaces each noticed instance at once, so running capacity never drops
        // below 100% and the guard never breaks (see the issue note); tagged gameday-e2e, outside the default build.
        Path variant = Files.writeString(dir.resolve("stop.yaml"), Files.readString(EXAMPLE)
                .replace("    healthyCapacity.minPercent: \">= 50\"\n  slos:", "    healthyCapacity.minPercent: \">= 100\"\n  slos:"));

        Ran ran = spotsim("gameday", variant.toString(), "--local", "--execute", "--workdir", REPO.toString(), "--out", dir.toString(),
                "--run-id", "local-stop");

        assertThat(ran.exit()).as(ran.out() + ran.err()).isEqualTo(2);
        JsonNode gameday = RecordFiles.json().readTree(Files.readString(dir.resolve("local-stop/gameday.json")));
        assertThat(gameday.path("outcome").asText()).isEqualTo("STOPPED");
        assertThat(gameday.at("/steps/1/status").asText()).isEqualTo("stopped");
        assertThat(gameday.path("invocations")).allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("CANCELLED"));
    }
}
