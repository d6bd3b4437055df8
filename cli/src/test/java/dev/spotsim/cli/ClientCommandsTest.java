package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client verbs against a real simulator on free ports. */
class ClientCommandsTest {
    private SpotSim sim;

    private SpotSim start(int instances) {
        sim = SpotSim.builder().instances(instances).start();
        return sim;
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
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

    @Test
    void interruptWithOneInstanceNeedsNoIdAndUsesTheAwsDefaults() {
        start(1);
        Cli r = run("interrupt");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains(first().instanceId() + ": notice", "terminate at");
        InstanceView v = first();
        assertThat(v.state()).isEqualTo(InstanceState.INTERRUPTION_NOTICED);
        assertThat(java.time.Duration.between(v.interruption().noticeTime(), v.interruption().actionTime()).toSeconds()).isBetween(119L, 120L);
    }

    @Test
    void interruptWithSeveralInstancesWantsAnIdOrAll() {
        start(3);
        Cli r = run("interrupt");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("the simulator has 3 instances; name one");
        String second = sim.instances().get(1).instanceId();
        assertThat(run("interrupt", second, "--action", "stop", "--notice", "30s", "--rebalance-lead", "10s").exitCode).isZero();
        assertThat(sim.fleet().instance(second).interruption().action().wireName()).isEqualTo("stop");
        assertThat(run("interrupt", "--all", "--delay", "1m").exitCode).as("the other two").isEqualTo(1);
        assertThat(sim.instances().stream().filter(v -> v.interruption() != null)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void badDurationsAndUnknownInstancesAreOneLineErrors() {
        start(1);
        Cli bad = run("interrupt", "--notice", "2");
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.err).contains("--notice", "expected a duration like").doesNotContain("Exception");
        Cli unknown = run("status", "i-0000000000000dead");
        assertThat(unknown.exitCode).isEqualTo(1);
        assertThat(unknown.err.strip()).isEqualTo("spotsim: no instance i-0000000000000dead");
        Cli action = run("interrupt", "--action", "explode");
        assertThat(action.err).contains("expected one of terminate, stop, hibernate");
    }

    @Test
    void statusShowsTheTableAndJson() {
        start(2);
        Cli table = run("status");
        assertThat(table.out).contains("INSTANCE", first().instanceId(), "running", sim.imdsEndpoint(first().instanceId()));
        Cli json = run("status", first().instanceId(), "--json");
        assertThat(json.out).contains("\"instanceId\" : \"" + first().instanceId() + "\"");
    }

    @Test
    void rebalanceMaintenanceFaultsOptionsAndReset() {
        start(1);
        assertThat(run("rebalance").exitCode).isZero();
        assertThat(first().rebalanceTime()).isNotNull();

        Cli scheduled = run("maintenance", "--code", "instance-stop", "--not-before", "2030-01-01T00:00:00Z");
        assertThat(scheduled.out).contains("instance-stop active");
        String eventId = first().maintenance().get(0).eventId();
        assertThat(run("maintenance", "--cancel", eventId).out).contains("canceled");

        assertThat(run("faults", "--error-status", "503", "--error-rate", "0.5", "--delay", "10ms").out).contains("errors 0.5 (status 503)");
        assertThat(first().faults().errorStatus()).isEqualTo(503);
        assertThat(run("faults", "--error-rate", "0.5").err).contains("errorStatus: expected an HTTP error status");
        assertThat(run("faults", "--clear").exitCode).isZero();
        assertThat(first().faults().isNone()).isTrue();

        assertThat(run("metadata-options", "--http-tokens", "required").out).contains("httpTokens required");
        assertThat(first().options().tokensRequired()).isTrue();

        assertThat(run("interrupt", "--notice", "1s").exitCode).isZero();
        assertThat(run("reset").out).contains(": running");
        assertThat(first().interruption()).isNull();
    }

    @Test
    void fleetVerbsReclaimScheduleCapacityAndEvents() {
        sim = SpotSim.builder().group(new dev.spotsim.simulator.fleet.GroupSpec("web", 4, dev.spotsim.simulator.fleet.AllocationStrategy.DIVERSIFIED,
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
        assertThat(run("events", "--pattern", "{\"source\": \"aws.ec2\"}").err).contains("expected an array");
    }

    @Test
    void anUnreachableSimulatorIsNamed() {
        Cli r = Cli.run("status", "--control-url", "http://127.0.0.1:9/spotsim/v1");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("cannot reach the simulator at http://127.0.0.1:9/spotsim/v1: is \"spotsim serve\" running?");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"serve", "status", "interrupt", "rebalance", "maintenance", "faults", "metadata-options", "reset",
                "fleet", "capacity", "reclaim", "schedule", "events"}) {
            Cli r = Cli.run(command, "--help");
            assertThat(r.exitCode).as(command).isZero();
            assertThat(r.out).as(command).startsWith("Usage: spotsim " + command);
        }
    }
}
