package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.CommandSink;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "rule -> Run Command" sink with real /bin/sh processes: stdin, environment, exit codes, output, timeouts. */
class CommandSinkTest {
    private static final InstanceIdentity ID = InstanceIdentity.generated(3, "c5.large", "us-east-1a", "spot");
    private final List<CommandSink> sinks = new ArrayList<>();

    @AfterEach
    void stop() {
        sinks.forEach(CommandSink::close);
    }

    private CommandSink sink(String command, Map<String, String> env, Duration timeout) {
        CommandSink sink = new CommandSink("cmd", command, env, timeout, null);
        sinks.add(sink);
        return sink;
    }

    private static Event warning() {
        return Ec2Events.spotInterruptionWarning(ID, InterruptionAction.TERMINATE, Instant.parse("2026-01-01T12:00:00Z"));
    }

    @Test
    void theCommandGetsTheEventOnStdinAndItsEnvironment(@TempDir Path dir) throws Exception {
        Path got = dir.resolve("got.json");
        Path env = dir.resolve("env.txt");
        CommandSink sink = sink("cat > '" + got + "'; echo \"$INSTANCE_ID $SPOTSIM_EVENT_ID $SPOTSIM_EVENT_DETAIL_TYPE\" > '" + env + "'",
                Map.of("INSTANCE_ID", ID.instanceId()), Duration.ofSeconds(10));
        Event e = warning();
        sink.deliver(e);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 1);
        assertThat(sink.results().get(0).exitCode()).isZero();
        assertThat(Files.readString(got)).isEqualTo(e.toJsonLine() + "\n");
        assertThat(Files.readString(env)).isEqualTo(ID.instanceId() + " " + e.id() + " EC2 Spot Instance Interruption Warning\n");
    }

    @Test
    void exitCodeAndOutputAreRecordedAndOutputIsCapped() {
        CommandSink sink = sink("echo checkpointed; head -c 100000 /dev/zero | tr '\\0' x; exit 3", Map.of(), null);
        sink.deliver(warning());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 1);
        CommandSink.Result r = sink.results().get(0);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.failed()).isTrue();
        assertThat(r.output()).startsWith("checkpointed\nxxx").hasSizeLessThanOrEqualTo(16 * 1024);
        assertThat(sink.stats()).containsEntry("runs", 1L).containsEntry("failed", 1L).containsEntry("lastExitCode", 3);
    }

    @Test
    void aHungCommandAndWhatItStartedAreKilledAtTheTimeout(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("pid");
        CommandSink sink = sink("sleep 300 & echo $! > '" + pid + "'; wait", Map.of(), Duration.ofMillis(500));
        sink.deliver(warning());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 1);
        CommandSink.Result r = sink.results().get(0);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isNull();
        long child = Long.parseLong(Files.readString(pid).trim());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aCommandThatNeverReadsStdinStillFinishes() {
        CommandSink sink = sink("exit 0", Map.of(), Duration.ofSeconds(10));
        sink.deliver(warning());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 1);
        assertThat(sink.results().get(0).exitCode()).isZero();
    }

    @Test
    void commandsRunOneAtATimeInEventOrder(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("order.txt");
        CommandSink sink = sink("echo \"start $SPOTSIM_EVENT_ID\" >> '" + log + "'; sleep 0.05; echo \"end $SPOTSIM_EVENT_ID\" >> '" + log + "'",
                Map.of(), Duration.ofSeconds(10));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Event e = warning();
            expected.add("start " + e.id());
            expected.add("end " + e.id());
            sink.deliver(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 3);
        assertThat(Files.readAllLines(log)).containsExactlyElementsOf(expected);
    }

    @Test
    void theSinkTakesOnlyWhatItsPatternMatches() {
        EventPattern onlyStop = EventPattern.parse("{\"detail\": {\"instance-action\": [\"stop\"]}}");
        CommandSink sink = new CommandSink("cmd", "true", Map.of(), null, onlyStop);
        sinks.add(sink);
        EventBus bus = new EventBus(null);
        bus.subscribe(sink);
        Event stop = Ec2Events.spotInterruptionWarning(ID, InterruptionAction.STOP, Instant.parse("2026-01-01T12:00:00Z"));
        bus.publish(warning());
        bus.publish(stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 1);
        assertThat(sink.results().get(0).eventId()).as("the terminate warning ran nothing").isEqualTo(stop.id());
    }
}
