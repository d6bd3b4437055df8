package dev.spotsim.simulator.aws.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.LocalAws;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.CommandStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;

/**
 * Timeouts on the simulator's clock, cancel, and instances that are not running; every process tree
 * a command started is gone afterwards, also when the simulator closes.
 */
class SsmProcessLifetimeTest {
    /** Starts a child that would sleep for five minutes, prints its pid and its shell's, and waits. */
    private static final List<String> SLEEPER = List.of("sleep 300 &", "echo \"$$ $!\"", "wait");
    private ManualClock clock;
    private SpotSim sim;
    private SsmClient ssm;

    @BeforeEach
    void start() {
        clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
        sim = SpotSim.builder().clock(clock).instances(2).start();
        ssm = LocalAws.client(SsmClient.builder(), sim);
    }

    @AfterEach
    void stop() {
        ssm.close();
        sim.close();
    }

    private String sendSleeper(String instanceId, int executionTimeout) {
        return SsmRunCommandTest.send(ssm, List.of(instanceId),
                Map.of("commands", SLEEPER, "executionTimeout", List.of(Integer.toString(executionTimeout))));
    }

    /** The shell's and the sleeping child's pids, once the script has printed them. */
    private long[] pids(String commandId, String instanceId) {
        String out = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(instanceId)).standardOutputContent(),
                        s -> s.endsWith("\n"));
        long[] pids = Arrays.stream(out.trim().split(" ")).mapToLong(Long::parseLong).toArray();
        assertThat(alive(pids[0])).isTrue();
        assertThat(alive(pids[1])).isTrue();
        return pids;
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive();
    }

    private static void assertGone(long... pids) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Arrays.stream(pids).noneMatch(SsmProcessLifetimeTest::alive)).isTrue());
    }

    @Test
    void aCommandPastItsExecutionTimeoutOnTheSimulatorsClockIsTimedOutAndItsProcessTreeKilled() {
        String id = sim.firstInstanceId();
        String commandId = sendSleeper(id, 60);
        long[] pids = pids(commandId, id);
        assertThat(ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id)).status()).isEqualTo(CommandInvocationStatus.IN_PROGRESS);
        clock.advance(Duration.ofSeconds(59));
        assertThat(ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id)).status()).isEqualTo(CommandInvocationStatus.IN_PROGRESS);
        clock.advance(Duration.ofSeconds(1));
        GetCommandInvocationResponse r = ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id));
        assertThat(r.status()).isEqualTo(CommandInvocationStatus.TIMED_OUT);
        assertThat(r.statusDetails()).isEqualTo("ExecutionTimedOut");
        assertThat(r.executionEndDateTime()).isEqualTo("2026-11-29T10:01:00Z");
        assertGone(pids);
        var command = ssm.listCommands(b -> b.commandId(commandId)).commands().get(0);
        assertThat(command.status()).isEqualTo(CommandStatus.TIMED_OUT);
        assertThat(command.errorCount()).isEqualTo(1);
    }

    @Test
    void cancelCommandKillsTheProcessTreeAndEndsCancelled() {
        String id = sim.firstInstanceId();
        String commandId = sendSleeper(id, 3600);
        long[] pids = pids(commandId, id);
        ssm.cancelCommand(b -> b.commandId(commandId));
        assertGone(pids);
        assertThat(ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id)).status()).isEqualTo(CommandInvocationStatus.CANCELLED);
        assertThat(ssm.listCommands(b -> b.commandId(commandId)).commands().get(0).status()).isEqualTo(CommandStatus.CANCELLED);
    }

    @Test
    void aStoppedInstanceNeverGetsTheCommandAndItTimesOutUndelivered() {
        String id = sim.instances().get(1).instanceId();
        sim.fleet().interrupt(id, new InterruptRequest(InterruptionAction.STOP, null, null, null));
        clock.advance(Duration.ofMinutes(3));
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.STOPPED);
        String commandId = ssm.sendCommand(b -> b.instanceIds(id).documentName("AWS-RunShellScript").timeoutSeconds(30)
                .parameters(Map.of("commands", List.of("echo never")))).command().commandId();
        assertThat(ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id)).status()).isEqualTo(CommandInvocationStatus.PENDING);
        clock.advance(Duration.ofSeconds(30));
        GetCommandInvocationResponse r = ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id));
        assertThat(r.status()).isEqualTo(CommandInvocationStatus.TIMED_OUT);
        assertThat(r.statusDetails()).isEqualTo("DeliveryTimedOut");
        assertThat(r.standardOutputContent()).isEmpty();
        assertThat(ssm.listCommands(b -> b.commandId(commandId)).commands().get(0).deliveryTimedOutCount()).isEqualTo(1);
    }

    @Test
    void anInstanceReachingItsSpotActionTakesItsRunningCommandsDown() {
        String id = sim.firstInstanceId();
        String commandId = sendSleeper(id, 3600);
        long[] pids = pids(commandId, id);
        sim.fleet().interrupt(id, InterruptRequest.awsDefault());
        clock.advance(Duration.ofMinutes(2));
        assertGone(pids);
        assertThat(ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id)).status()).isEqualTo(CommandInvocationStatus.FAILED);
    }

    @Test
    void closingTheSimulatorKillsEveryCommandStillRunning() {
        String id = sim.firstInstanceId();
        long[] pids = pids(sendSleeper(id, 3600), id);
        ssm.close();
        sim.close();
        assertGone(pids);
        sim = SpotSim.builder().clock(clock).instances(1).start();
        ssm = LocalAws.client(SsmClient.builder(), sim);
    }
}
