package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.JsonlFileSink;
import dev.spotsim.simulator.events.sink.StdoutSink;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bus: journal first, then each sink its pattern's share, in order; file and stdout sinks. */
class SinksTest {
    private static final InstanceIdentity ID = InstanceIdentity.generated(3, "c5.large", "us-east-1a", "spot");
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private EventBus bus(EventJournal journal) {
        EventBus bus = new EventBus(journal);
        open.add(bus);
        return bus;
    }

    private static Event warning() {
        return Ec2Events.spotInterruptionWarning(ID, InterruptionAction.TERMINATE, T);
    }

    /** A sink that records what the journal held at the moment it was handed each event. */
    private static final class JournalWitness implements EventSink {
        final Path journal;
        final List<Integer> linesSeen = new ArrayList<>();

        JournalWitness(Path journal) {
            this.journal = journal;
        }

        @Override
        public String name() {
            return "witness";
        }

        @Override
        public void deliver(Event event) {
            try {
                List<String> lines = Files.readAllLines(journal);
                assertThat(lines.get(lines.size() - 1)).contains(event.id());
                linesSeen.add(lines.size());
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, Object> stats() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyEventIsInTheJournalBeforeAnySinkSeesIt(@TempDir Path dir) {
        Path journal = dir.resolve("run/events.jsonl");
        EventBus bus = bus(new EventJournal(journal));
        JournalWitness witness = new JournalWitness(journal);
        bus.subscribe(witness);
        bus.publish(warning());
        bus.publish(Ec2Events.stateChange(ID, "shutting-down", T));
        assertThat(witness.linesSeen).containsExactly(1, 2);
    }

    @Test
    void fileAndStdoutSinksGetOnlyWhatTheirPatternMatches(@TempDir Path dir) throws Exception {
        EventBus bus = bus(null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bus.subscribe(new JsonlFileSink("warnings", dir.resolve("warnings.jsonl"),
                EventPattern.parse("{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}")));
        bus.subscribe(new StdoutSink("stdout", new PrintStream(bytes, true, StandardCharsets.UTF_8),
                EventPattern.parse("{\"detail\": {\"state\": [\"terminated\"]}}")));
        Event warning = warning();
        Event terminated = Ec2Events.stateChange(ID, "terminated", T);
        bus.publish(warning);
        bus.publish(Ec2Events.stateChange(ID, "shutting-down", T));
        bus.publish(terminated);
        assertThat(Files.readAllLines(dir.resolve("warnings.jsonl"))).containsExactly(warning.toJsonLine());
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(terminated.toJsonLine());
        assertThat(bus.recent()).hasSize(3);
        assertThat(bus.subscriptions()).extracting(s -> s.sink().stats().get("delivered")).containsExactly(1L, 1L);
    }

    @Test
    void aSinkThatThrowsDoesNotKeepTheEventFromTheOthers(@TempDir Path dir) throws Exception {
        // The witness throws: there is no journal for it to read.
        EventBus bus = bus(null);
        bus.subscribe(new JournalWitness(dir.resolve("no-such-journal.jsonl")));
        bus.subscribe(new JsonlFileSink("file", dir.resolve("all.jsonl"), null));
        bus.publish(warning());
        assertThat(Files.readAllLines(dir.resolve("all.jsonl"))).hasSize(1);
    }

    @Test
    void anUnwritableJournalStopsTheEventBeforeAnySink(@TempDir Path dir) throws Exception {
        EventJournal journal = new EventJournal(dir.resolve("events.jsonl"));
        EventBus bus = bus(journal);
        JsonlFileSink file = new JsonlFileSink("file", dir.resolve("copy.jsonl"), null);
        bus.subscribe(file);
        journal.close();
        assertThatThrownBy(() -> bus.publish(warning())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot append to the event journal");
        assertThat(Files.readAllLines(dir.resolve("copy.jsonl"))).isEmpty();
    }

    @Test
    void anEventPublishedAfterTheBusClosedIsDroppedWithoutAnError(@TempDir Path dir) throws Exception {
        // As when the simulator stops while the clock thread is still launching a burst's replacements.
        EventBus bus = new EventBus(new EventJournal(dir.resolve("events.jsonl")));
        bus.subscribe(new JsonlFileSink("file", dir.resolve("copy.jsonl"), null));
        bus.publish(warning());
        bus.close();
        bus.publish(warning());
        assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("copy.jsonl"))).hasSize(1);
        assertThat(bus.recent()).hasSize(1);
    }

    @Test
    void theRecentListIsBounded() {
        EventBus bus = bus(null);
        Event first = warning();
        bus.publish(first);
        for (int i = 0; i < EventBus.RECENT; i++) {
            bus.publish(warning());
        }
        assertThat(bus.recent()).hasSize(EventBus.RECENT).doesNotContain(first);
    }
}
