package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client verbs against a real simulator on free ports of 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCommandsTest {
    private SpotSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private void start(int instances) {
        sim = SpotSim.builder().host("127.0.0.1").instances(instances).start();
    }

    private Cli run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--control-url";
        all[args.length + 1] = sim.controlUrl();
        return Cli.run(all);
    }

    private InstanceView first() {
        return sim.instances().get(0);
    }

    private InstanceView instance(int index) {
        return sim.fleet().instance(sim.instances().get(index).instanceId());
    }

    @Test
    void interruptWithOneInstanceNeedsNoIdAndUsesTheAwsDefaults() {
        start(1);
        Cli r = run("interrupt");
        assertThat(r.exitCode).as(r.toString()).isZero();
        InstanceView v = first();
        assertThat(v.state()).isEqualTo(InstanceState.INTERRUPTION_NOTICED);
        assertThat(Duration.between(v.interruption().noticeTime(), v.interruption().actionTime()).toSeconds()).isBetween(119L, 120L);
        assertThat(r.out).contains(v.instanceId() + ": notice ", ", terminate at " + v.interruption().actionTime());
    }

    @Test
    void interruptWithSeveralInstancesWantsAnIdOrAll() {
        start(3);
        Cli r = run("interrupt");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("spotsim: the simulator has 3 instances; name one (see \"spotsim status\") or use --all");
        assertThat(sim.instances()).allSatisfy(v -> assertThat(v.interruption()).isNull());

        String second = instance(1).instanceId();
        Cli one = run("interrupt", second, "--action", "stop", "--notice", "30s", "--rebalance-lead", "10s");
        assertThat(one.exitCode).as(one.toString()).isZero();
        assertThat(one.out).contains(second + ": rebalance recommendation ", ", stop at ");
        assertThat(instance(1).interruption().action().wireName()).isEqualTo("stop");
    }

    @Test
    void interruptAllGoesOnPastAnInstanceThatIsRefusedAndExitsOne() {
        start(3);
        assertThat(run("interrupt", instance(1).instanceId()).exitCode).isZero();
        Cli all = run("interrupt", "--all", "--delay", "1m");
        assertThat(all.exitCode).as(all.toString()).isEqualTo(1);
        assertThat(all.err).startsWith("spotsim: " + instance(1).instanceId() + ": ");
        assertThat(all.out).contains(instance(0).instanceId() + ": notice", instance(2).instanceId() + ": notice");
        assertThat(sim.instances()).allSatisfy(v -> assertThat(v.interruption()).isNotNull());
    }

    @Test
    void badInputIsOneLineThatNamesTheOption() {
        start(1);
        Cli notice = run("interrupt", "--notice", "2");
        assertThat(notice.exitCode).isEqualTo(1);
        assertThat(notice.err).startsWith("spotsim: --notice: expected a duration like").contains("got \"2\"");
        assertThat(notice.errLines()).isEqualTo(1);

        Cli notBefore = run("maintenance", "--not-before", "tomorrow");
        assertThat(notBefore.err.strip()).isEqualTo("spotsim: --not-before: expected an ISO-8601 UTC time like 2026-01-07T01:00:00Z, got \"tomorrow\"");

        Cli unknown = run("interrupt", "--bogus");
        assertThat(unknown.exitCode).isEqualTo(1);
        assertThat(unknown.err.strip()).isEqualTo("spotsim: Unknown option: '--bogus' (see 'spotsim interrupt --help')");

        assertThat(first().interruption()).as("nothing was sent").isNull();
    }

    @Test
    void apiRefusalsPrintTheApiMessage() {
        start(1);
        Cli missing = run("status", "i-0000000000000dead");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err.strip()).isEqualTo("spotsim: no instance i-0000000000000dead");
        Cli action = run("interrupt", "--action", "explode");
        assertThat(action.exitCode).isEqualTo(1);
        assertThat(action.err).contains("expected one of terminate, stop, hibernate").doesNotContain("Exception");
        assertThat(run("interrupt").exitCode).isZero();
        Cli twice = run("interrupt");
        assertThat(twice.exitCode).isEqualTo(1);
        assertThat(twice.errLines()).isEqualTo(1);
    }

    @Test
    void statusShowsTheTableAndJson() {
        start(2);
        assertThat(run("interrupt", first().instanceId()).exitCode).isZero();
        Cli table = run("status");
        assertThat(table.exitCode).isZero();
        assertThat(table.out).contains("INSTANCE", "STATE", "IMDS", "INTERRUPTION", first().instanceId(),
                sim.imdsEndpoint(first().instanceId()), "c5.large", "us-east-1a", "spot", "running",
                "terminate, notice " + first().interruption().noticeTime().truncatedTo(ChronoUnit.MILLIS));
        Cli json = run("status", first().instanceId(), "--json");
        assertThat(json.out).contains("\"instanceId\" : \"" + first().instanceId() + "\"");
    }

    @Test
    void rebalanceMaintenanceFaultsOptionsAndReset() {
        start(1);
        assertThat(run("rebalance").out).contains(first().instanceId() + ": rebalance recommendation at ");
        // 202 Accepted: the recommendation lands on the simulator's clock thread.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> first().rebalanceTime() != null);

        Cli scheduled = run("maintenance", "--code", "instance-stop", "--not-before", "2030-01-01T00:00:00Z", "--window", "1h");
        assertThat(scheduled.out).contains("instance-stop active", "2030-01-01T00:00:00Z .. 2030-01-01T01:00:00Z");
        String eventId = first().maintenance().get(0).eventId();
        assertThat(run("maintenance", "--cancel", eventId).out).contains("canceled");

        assertThat(run("faults", "--error-rate", "0.5", "--delay", "10ms").out).contains("errors 0.5 (status 503)");
        assertThat(first().faults().errorStatus()).isEqualTo(503);
        assertThat(run("faults", "--error-status", "200", "--error-rate", "0.5").err).contains("errorStatus: expected an HTTP error status");
        assertThat(run("faults", "--clear").exitCode).isZero();
        assertThat(first().faults().isNone()).isTrue();

        assertThat(run("metadata-options", "--http-tokens", "required").out).contains("httpTokens required");
        assertThat(first().options().tokensRequired()).isTrue();
        assertThat(run("metadata-options", "--http-endpoint", "maybe").exitCode).isEqualTo(1);

        assertThat(run("interrupt", "--notice", "1s").exitCode).isZero();
        assertThat(run("reset").out).contains(first().instanceId() + ": running");
        assertThat(first().interruption()).isNull();
    }

    @Test
    void fleetVerbsReclaimScheduleCapacityAndEvents() {
        sim = SpotSim.builder().group(new dev.spotsim.simulator.fleet.GroupSpec("web", 4, dev.spotsim.scenarios.model.AllocationStrategy.DIVERSIFIED,
                java.time.Duration.ZERO, false, java.util.List.of(new dev.spotsim.simulator.fleet.SpotPool("c5.large", "us-east-1a", 0.03, 100),
                        new dev.spotsim.simulator.fleet.SpotPool("m5.large", "us-east-1b", 0.04, 100)))).start();
        assertThat(run("fleet").out).contains("web", "diversified", "c5.large/us-east-1a", "m5.large/us-east-1b");
        Cli reclaim = run("reclaim", "c5.large/us-east-1a", "--notice", "30s");
        assertThat(reclaim.out).contains("c5.large/us-east-1a: reclaimed, 2 instance(s) interrupted");
        assertThat(run("reclaim", "c5.large").err).contains("expected instance-type/availability-zone");
        assertThat(run("reclaim", "c5.large/us-east-1a", "--restore").out).contains("capacity restored");
        Cli scheduled = run("schedule", "--count", "1", "--az", "us-east-1b", "--delay", "10m", "--seed", "7");
        assertThat(scheduled.out).startsWith("scheduled sched-1 at ");
        assertThat(run("schedule", "--list").out).contains("sched-1", "\"az\":\"us-east-1b\"");
        assertThat(run("schedule", "--cancel", "sched-1").exitCode).isZero();
        assertThat(run("schedule", "--count", "1", "--all").err).contains("only one of");
        assertThat(run("capacity", "web", "6").out).contains("web: desired 6, 6 member(s)");
        Cli events = run("events", "--pattern", "{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}");
        assertThat(events.out.lines()).hasSize(2).allMatch(l -> l.contains("\"instance-action\":\"terminate\""));
        assertThat(run("events", "--pattern", "{\"source\": \"aws.ec2\"}").err).contains("expected a non-empty array");
    }

    @Test
    void resetAllBringsEveryInstanceBack() {
        start(2);
        assertThat(run("interrupt", "--all").exitCode).isZero();
        Cli reset = run("reset", "--all");
        assertThat(reset.exitCode).as(reset.toString()).isZero();
        assertThat(sim.instances()).allSatisfy(v -> assertThat(v.state()).isEqualTo(InstanceState.RUNNING));
        assertThat(run("reset", first().instanceId(), "--all").err).contains("give instance ids or --all, not both");
    }

    @Test
    void anUnreachableSimulatorIsNamed() {
        String url = "http://127.0.0.1:" + FreePorts.one() + "/spotsim/v1";
        Cli r = Cli.run("status", "--control-url", url);
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("spotsim: cannot reach the simulator at " + url + ": is \"spotsim serve\" running?");
        assertThat(Cli.run("interrupt", "--control-url", url).err).contains("cannot reach the simulator");
    }

    @Test
    void aControlUrlWithoutTheApiRootGetsAHint() {
        start(1);
        String root = sim.controlUrl().replace("/spotsim/v1", "");
        Cli r = Cli.run("status", "--control-url", root);
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("is the control URL the API root");
        assertThat(Cli.run("status", "--control-url", "localhost:1337").err.strip())
                .isEqualTo("spotsim: --control-url: expected a URL like http://127.0.0.1:1337/spotsim/v1, got \"localhost:1337\"");
    }

    @Test
    void aServerThatIsNotTheSimulatorIsNamed() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>not here</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            Cli r = Cli.run("status", "--control-url", "http://127.0.0.1:" + other.getAddress().getPort() + "/spotsim/v1");
            assertThat(r.exitCode).isEqualTo(1);
            assertThat(r.err).contains("answered HTTP 404 without JSON (is the control URL the API root").doesNotContain("Exception");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void everyCommandHasHelpAndTheTopCommandAVersion() {
        for (String command : new String[] {"serve", "status", "interrupt", "rebalance", "maintenance", "faults", "metadata-options", "reset",
                "fleet", "capacity", "reclaim", "schedule", "events"}) {
            Cli r = Cli.run(command, "--help");
            assertThat(r.exitCode).as(command).isZero();
            assertThat(r.out).as(command).startsWith("Usage: spotsim " + command);
        }
        assertThat(Cli.run("--help").out).contains("serve", "interrupt", "Exit codes: 0");
        assertThat(Cli.run("--version").out).startsWith("spotsim ");
    }
}
