package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.cli.SpotsimCommand;
import dev.spotsim.simulator.SpotSim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The game day's dry run against a running simulator: only read calls reach it, and afterwards it holds no experiment
 * and no command. {@link LocalGamedayPassTest} and {@link LocalGamedayStopTest} play {@code --local --execute} end to end
 * (separate classes, so the build's two test JVMs run them side by side).
 */
class LocalGamedayTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path EXAMPLE = REPO.resolve("gameday/examples/local-gameday.yaml");
    /** The example cut to one FIS experiment on two instances, so a game day takes about 3 minutes, not 5. */
    static final Path SHORT = REPO.resolve("cli/src/test/resources/gameday/local-gameday-ci.yaml");

    @TempDir
    Path dir;

    record Ran(int exit, String out, String err) {
    }

    /** The workload command of local-gameday-ci.yaml: Java's source launcher, which compiles at every start. */
    private static final String SOURCE_LAUNCH = "command: \"java examples/workloads/DrainAwareService.java\"";

    /**
     * local-gameday-ci.yaml, written into {@code dir} with its workload compiled once and started as a class with C1
     * only: the source launcher spends some 4 s of CPU compiling at every task start (0.9 s this way), and at the notice
     * the replacement tasks start beside the generators' Gatling JVMs, which starved a busy 2-core box.
     */
    static Path ciScenario(Path dir) throws java.io.IOException {
        Path classes = Files.createDirectories(dir.resolve("workload-classes"));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(),
                REPO.resolve("examples/workloads/DrainAwareService.java").toString());
        if (compiled != 0) {
            throw new IllegalStateException("javac failed on DrainAwareService.java: " + compiled);
        }
        String scenario = Files.readString(SHORT);
        if (!scenario.contains(SOURCE_LAUNCH)) {
            throw new IllegalStateException(SHORT + " no longer has " + SOURCE_LAUNCH);
        }
        return Files.writeString(dir.resolve("local-gameday-ci.yaml"), scenario.replace(SOURCE_LAUNCH,
                "command: \"java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp " + classes + " DrainAwareService\""));
    }

    static Ran spotsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SpotsimCommand.commandLine(Map.of()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return new Ran(cmd.execute(args), out.toString(), err.toString());
    }

    /**
     * What a failed end-to-end assertion shows: the command's output, the run's summary (SLOs, per-phase failures), the
     * seconds that had failed requests with their causes, and the run's timeline, so a CI log alone can say what went wrong.
     */
    static String diagnosis(Ran ran, Path runDir) throws java.io.IOException {
        StringBuilder out = new StringBuilder(ran.out()).append(ran.err());
        Path summary = runDir.resolve("summary.md");
        if (Files.exists(summary)) {
            out.append('\n').append(Files.readString(summary));
        }
        Path record = runDir.resolve("run.json");
        if (Files.exists(record)) {
            com.fasterxml.jackson.databind.JsonNode run = dev.spotsim.reports.render.RecordFiles.json().readTree(Files.readString(record));
            out.append("\nseconds with failed requests:\n");
            run.path("seconds").forEach(s -> {
                if (s.path("failures").asLong() > 0) {
                    out.append("  ").append(s).append('\n');
                }
            });
            out.append("timeline:\n");
            run.path("timeline").forEach(e -> out.append("  ").append(e.path("at").asText()).append(' ').append(e.path("kind").asText())
                    .append(' ').append(e.path("instanceId").asText("-")).append(' ').append(e.path("detail").asText()).append('\n'));
        }
        return out.toString();
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B at(B builder, SpotSim sim) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + sim.controlPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSPOTSIMTEST00001", "fake")));
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
}
