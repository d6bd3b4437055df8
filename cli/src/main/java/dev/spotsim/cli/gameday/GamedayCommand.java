package dev.spotsim.cli.gameday;

import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.aws.AwsService;
import dev.spotsim.gameday.aws.AwsSettings;
import dev.spotsim.gameday.aws.Endpoints;
import dev.spotsim.gameday.drain.DrainReaders;
import dev.spotsim.gameday.drain.DrainSources;
import dev.spotsim.gameday.drain.EcsReader;
import dev.spotsim.gameday.drain.TargetReader;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.events.EventQueue;
import dev.spotsim.gameday.fis.FisExperiments;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.plan.GamedayRefusal;
import dev.spotsim.gameday.plan.PlanOptions;
import dev.spotsim.gameday.plan.PlanText;
import dev.spotsim.gameday.plan.Planner;
import dev.spotsim.gameday.run.GamedayResult;
import dev.spotsim.gameday.run.GamedayRun;
import dev.spotsim.gameday.run.LiveRequests;
import dev.spotsim.gameday.run.RunClock;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import dev.spotsim.cli.client.DurationConverter;
import dev.spotsim.gatling.figures.LoadFigures;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.render.RecordFiles;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.InputException;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * {@code spotsim gameday FILE}: the scenario on real AWS. Prints the plan (read-only calls only) and
 * stops there unless {@code --execute}; then runs it with its guards, Ctrl-C stopping everything, and
 * writes the same run record as a local run.
 */
@Command(name = "gameday", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario on real AWS: FIS interrupts the selected running Spot Instances, SSM Run Command drives load "
                + "from load generators, EC2 is watched for state changes and replacements; the same run record, report and SLO gate "
                + "as a local run.",
                "Dry run by default: prints the plan (instances, FIS template, SSM command) after read-only calls only."},
        footer = {"", "Credentials: the default AWS chain (environment, --profile / AWS_PROFILE, SSO or role profiles, container or instance role);"
                + " they are never printed.",
                "Exit codes: 0 every SLO holds (or a dry run), 2 an SLO or stop condition broke, 1 no verdict (bad input, refusal, AWS error, Ctrl-C)."})
public final class GamedayCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for experiments to stop, commands to be cancelled and the record to be written. */
    private static final long CTRL_C_GRACE_SECONDS = 180;
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario (YAML, or JSON when it ends in .json) with a gameday section.")
    Path file;

    @Option(names = "--execute", description = "Act: start experiments and send commands. Without it nothing is changed.")
    boolean execute;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region; default AWS_REGION, AWS_DEFAULT_REGION or the profile's region.")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile from the shared AWS config and credentials files; default AWS_PROFILE.")
    String profile;

    @Option(names = "--local", description = "Rehearse on the simulator: start the scenario's fleet, workload and load generators, and play "
            + "the game day against the simulator's AWS APIs with the same code as on AWS (generators run this machine's spotsim load).")
    boolean local;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Point every AWS client at URL (e.g. a running spotsim's "
            + "http://127.0.0.1:1337); default AWS_ENDPOINT_URL, or AWS_ENDPOINT_URL_<SERVICE> for one service.")
    URI endpoint;

    @Option(names = "--endpoint-url-ec2", paramLabel = "URL", description = "EC2 endpoint override.")
    URI ec2Endpoint;

    @Option(names = "--endpoint-url-ssm", paramLabel = "URL", description = "SSM endpoint override.")
    URI ssmEndpoint;

    @Option(names = "--endpoint-url-fis", paramLabel = "URL", description = "FIS endpoint override.")
    URI fisEndpoint;

    @Option(names = "--max-instances", paramLabel = "N", description = "Blast radius: interrupt at most N instances (replaces gameday.blastRadius.maxInstances).")
    Integer maxInstances;

    @Option(names = "--max-percent", paramLabel = "P", description = "Blast radius: interrupt at most P%% of the group's running instances (replaces gameday.blastRadius.maxPercent).")
    Double maxPercent;

    @Option(names = "--fis-role-arn", paramLabel = "ARN", description = "The FIS experiment role (replaces gameday.fisRoleArn).")
    String fisRoleArn;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "${env:SPOTSIM_OUT:-spotsim-out}", description = "Where <run-id>/ with run.json, junit.xml, summary.md, report.html and gameday.json goes (env SPOTSIM_OUT; default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--drive-load", paramLabel = "URL", description = "Also drive the scenario's load from this machine with Gatling "
            + "against URL (e.g. the staging URL); its live figures allow failedRequests stop conditions and merge into the record.")
    URI driveLoad;

    @Option(names = "--workdir", paramLabel = "DIR", description = "--local: where the workload's commands run (default: the current directory).")
    Path workdir;

    @Option(names = "--start-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2m",
            description = "--local: how long the workload may take to become healthy (default ${DEFAULT-VALUE}).")
    java.time.Duration startTimeout;

    @Option(names = "--no-event-queue", description = "Do not create the run's SQS queue and EventBridge rule (exact notice and "
            + "lifecycle times); drain is then timed by polled reads only.")
    boolean noEventQueue;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run's id, tagged on every FIS resource (default: gameday-<UTC time>).")
    String runId;

    private final Wiring wiring;

    /** What a real run uses: the default credential chain, the SDK retry policy, the wall clock, the process environment. */
    public GamedayCommand() {
        this(new Wiring(null, null, RunClock.system(), System.getenv(), true));
    }

    /** Tests supply fake keys, short retry back-offs, a manual clock and an environment of their choosing. */
    public GamedayCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    /**
     * The parts a test replaces. Null credentials or retry strategy mean the SDK defaults;
     * {@code ctrlC} installs the shutdown hook that stops a run on Ctrl-C.
     */
    public record Wiring(AwsCredentialsProvider credentials, RetryStrategy retryStrategy, RunClock clock, Map<String, String> env, boolean ctrlC) {
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            Scenario scenario = new StructuredReader().read(file, Scenario.class);
            if (scenario.gameday() == null) {
                throw new GamedayRefusal(file + ": gameday: the scenario has no gameday section; add at least gameday.targets "
                        + "(tags and/or autoScalingGroup) to say which instances may be interrupted");
            }
            String id = runId != null ? runId : "gameday-" + RUN_ID_TIME.format(wiring.clock().now());
            if (local) {
                return rehearse(scenario, id, stdout);
            }
            PlanOptions options = new PlanOptions(id, maxInstances, maxPercent, fisRoleArn, driveLoad != null);
            return play(scenario, settings(), options, drainSources(scenario, null, null), stdout);
        } catch (InputException | GamedayRefusal | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (SdkException e) {
            return fail("AWS: " + e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            return fail("cannot write the run record: " + e.getMessage());
        } catch (IllegalStateException e) {
            return fail(e.getMessage());
        }
    }

    /** --local: the simulator with the scenario's fleet, workload and generators; every client at its control port's root. */
    private int rehearse(Scenario scenario, String id, PrintWriter stdout) throws IOException {
        if (driveLoad != null) {
            throw new IllegalArgumentException("--drive-load: with --local the generators drive the load; drop --drive-load");
        }
        Path runDir = out.resolve(id);
        java.nio.file.Files.createDirectories(runDir);
        Path cwd = workdir != null ? workdir.toAbsolutePath() : Path.of("").toAbsolutePath();
        try (LocalGameday sim = LocalGameday.start(scenario, runDir, cwd, startTimeout)) {
            stdout.println("Local game day: the simulator's AWS APIs at " + sim.endpoint() + ", the workload behind " + sim.balancerUrl());
            AwsSettings settings = new AwsSettings(Region.of(sim.region()), null, Endpoints.resolve(serviceFlags(), sim.endpoint(), Map.of()),
                    wiring.credentials() != null ? wiring.credentials() : LOCAL_CREDENTIALS, wiring.retryStrategy());
            PlanOptions options = new PlanOptions(id, maxInstances, maxPercent, fisRoleArn, false, sim.balancerUrl(), LocalGameday.launcher());
            String cluster = LocalGameday.hasEcsTasks(scenario) ? LocalGameday.cluster(scenario) : null;
            return play(scenario, settings, options, drainSources(scenario, cluster, sim.targetGroupArns()), stdout);
        }
    }

    /** The simulator does not check signatures; these keys only let the SDK sign. */
    private static final AwsCredentialsProvider LOCAL_CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDSPOTSIMLOCAL0001", "spotsim-local-not-a-secret"));

    /**
     * Where drain is read: the scenario's drain section and the group's target groups; {@code cluster} and
     * {@code targetGroups} replace the section's when given (--local: the simulator's cluster and balancer).
     */
    private static DrainSources drainSources(Scenario scenario, String cluster, java.util.List<String> targetGroups) {
        var g = scenario.gameday();
        return new DrainSources(g.targets().autoScalingGroup(), targetGroups != null ? targetGroups : g.drain().targetGroupArns(),
                cluster != null ? cluster : g.drain().ecsCluster());
    }

    /** Plans (read-only calls), prints the plan, and unless it is a dry run executes it and writes the record. */
    private int play(Scenario scenario, AwsSettings settings, PlanOptions options, DrainSources drain, PrintWriter stdout) throws IOException {
        try (AwsClients aws = AwsClients.create(settings)) {
            Ec2Targets ec2 = new Ec2Targets(aws.ec2());
            SsmLoadDrivers ssm = new SsmLoadDrivers(aws.ssm());
            GamedayPlan plan = new Planner(ec2, ssm, settings.partition(), settings.region().id()).plan(scenario, options);
            stdout.print(PlanText.render(plan, execute));
            if (!noEventQueue) {
                stdout.println("\nEvents: SQS queue and EventBridge rule " + EventQueue.nameFor(options.runId()) + " (Spot warnings, rebalance "
                        + "recommendations, state changes, lifecycle actions) time the drain exactly; created with --execute, deleted at the end"
                        + " (--no-event-queue: polled times only).");
            }
            stdout.flush();
            if (!execute) {
                return 0;
            }
            DrainReaders readers = new DrainReaders(drain, new TargetReader(aws.elbv2(), aws.autoscaling()),
                    drain.ecsCluster() == null ? null : new EcsReader(aws.ecs(), drain.ecsCluster()));
            try (LocalLoad here = driveLoad == null ? null : LocalLoad.start(scenario, driveLoad, out.resolve(options.runId()).resolve("gatling"))) {
                LiveRequests live = here == null ? null : here::sofar;
                java.util.function.Supplier<EventQueue> events = noEventQueue ? null
                        : () -> EventQueue.create(aws.sqs(), aws.eventbridge(), options.runId());
                GamedayRun run = new GamedayRun(plan, settings.partition(), ec2, new FisExperiments(aws.fis()), ssm, wiring.clock(), live, readers,
                        events);
                return runAndRecord(run, scenario, here, stdout);
            }
        }
    }

    private AwsSettings settings() {
        String chosenProfile = AwsRegions.profile(profile, wiring.env());
        Region chosen = AwsRegions.resolve(region, chosenProfile, wiring.env()).orElseThrow(() -> new IllegalArgumentException(
                "--region: no region given; pass --region, set AWS_REGION or give the profile a region"));
        return new AwsSettings(chosen, chosenProfile, Endpoints.resolve(serviceFlags(), endpoint, wiring.env()), wiring.credentials(),
                wiring.retryStrategy());
    }

    private Map<AwsService, URI> serviceFlags() {
        Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
        putIfSet(endpoints, AwsService.EC2, ec2Endpoint);
        putIfSet(endpoints, AwsService.SSM, ssmEndpoint);
        putIfSet(endpoints, AwsService.FIS, fisEndpoint);
        return endpoints;
    }

    private static void putIfSet(Map<AwsService, URI> endpoints, AwsService service, URI uri) {
        if (uri != null) {
            endpoints.put(service, uri);
        }
    }

    /**
     * Runs and writes the record under a shutdown hook: Ctrl-C asks the run to stop, then waits while it
     * stops experiments, cancels commands, deletes templates and the record is written.
     */
    private int runAndRecord(GamedayRun run, Scenario scenario, LocalLoad here, PrintWriter stdout) throws IOException {
        CountDownLatch recorded = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.stop("interrupted (Ctrl-C)");
            try {
                recorded.await(CTRL_C_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spotsim-gameday-stop");
        if (wiring.ctrlC()) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            GamedayResult result = run.execute();
            return record(scenario, result, here == null ? null : here.finish(), stdout);
        } finally {
            recorded.countDown();
            if (wiring.ctrlC()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C came and the hook is running; it returns now that the record is written.
                }
            }
        }
    }

    private int record(Scenario scenario, GamedayResult result, LoadFigures local, PrintWriter stdout) throws IOException {
        RunRecord record = GamedayRecord.of(scenario, result, local);
        Path dir = out.resolve(record.runId());
        RecordFiles.write(dir, record);
        RecordFiles.atomically(dir.resolve("gameday.json"), RecordFiles.json().writeValueAsString(result.redacted()));
        stdout.println();
        stdout.println("Game day " + record.outcome() + (record.error() == null ? "" : ": " + record.error()));
        record.slos().forEach(s -> stdout.println("  " + (s.holds() ? "ok      " : "BROKEN  ") + s.message()));
        result.cleanupProblems().forEach(p -> stdout.println("  CLEAN-UP NEEDED: " + p));
        stdout.println("Record: " + dir.resolve("run.json") + " (report.html, summary.md, junit.xml, gameday.json beside it)");
        stdout.flush();
        return record.exitCode();
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("spotsim: " + message);
        err.flush();
        return 1;
    }
}
