package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.scenarios.parse.InputException;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.events.sink.CommandSink;
import dev.spotsim.simulator.events.sink.JsonlFileSink;
import dev.spotsim.simulator.events.sink.SinkConfig;
import dev.spotsim.simulator.events.sink.StdoutSink;
import dev.spotsim.simulator.events.sink.WebhookSink;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sinks listed in a YAML config: each type builds its sink with its pattern; mistakes name the field. */
class SinkConfigTest {
    /** The part of a fleet config that lists sinks. */
    record Config(List<SinkConfig> sinks) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<EventSink> built = new ArrayList<>();

    @AfterEach
    void stop() {
        built.forEach(EventSink::close);
        vertx.close().await();
    }

    private static List<SinkConfig> read(String yaml) {
        return new StructuredReader().read(yaml, "fleet.yaml", false, Config.class).sinks();
    }

    @Test
    void everySinkTypeIsBuiltFromYamlWithItsPattern(@TempDir Path dir) {
        List<SinkConfig> configs = read("""
                sinks:
                  - type: webhook
                    url: http://127.0.0.1:9000/2015-03-31/functions/function/invocations
                    backoff: 50ms
                    maxBackoff: 5s
                    pattern: {detail-type: ["EC2 Spot Instance Interruption Warning"]}
                  - type: file
                    name: warnings
                    path: %s
                    pattern: {source: [aws.ec2], detail: {instance-action: [terminate]}}
                  - type: stdout
                  - type: command
                    command: ./checkpoint.sh
                    env: {CHECKPOINT_DIR: /tmp/ckpt}
                    timeout: 90s
                """.formatted(dir.resolve("warnings.jsonl")));
        configs.forEach(c -> built.add(c.build(vertx, System.out, null)));
        assertThat(built).extracting(EventSink::name).containsExactly("webhook", "warnings", "stdout", "command");
        assertThat(built).extracting(Object::getClass).containsExactly(WebhookSink.class, JsonlFileSink.class, StdoutSink.class, CommandSink.class);
        assertThat(configs.get(0).backoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(configs.get(3).timeout()).isEqualTo(Duration.ofSeconds(90));
        Event warning = Ec2Events.spotInterruptionWarning(InstanceIdentity.generated(0, "c5.large", "us-east-1a", "spot"),
                InterruptionAction.TERMINATE, Instant.parse("2026-01-01T12:00:00Z"));
        Event running = Ec2Events.stateChange(InstanceIdentity.generated(0, "c5.large", "us-east-1a", "spot"), "running", Instant.now());
        assertThat(built).allMatch(s -> s.pattern().matches(warning.toJson()));
        assertThat(built).extracting(s -> s.pattern().matches(running.toJson())).containsExactly(false, false, true, true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{type: email}                                 | type: expected one of webhook, file, stdout, command, got \"email\"",
        "{url: http://127.0.0.1/}                      | type: expected one of webhook, file, stdout, command, got nothing",
        "{type: webhook}                               | url: required for a webhook sink",
        "{type: webhook, url: 'ftp://x/'}              | url: expected an http(s) URL",
        "{type: file, url: 'http://127.0.0.1/'}        | url: only a webhook sink takes it, this one is file",
        "{type: command}                               | command: required for a command sink",
        "{type: stdout, timeout: 5s}                   | timeout: only a command sink takes it, this one is stdout",
        "{type: webhook, url: 'http://h/', backoff: 2s, maxBackoff: 1s} | maxBackoff: expected at least backoff",
        "{type: stdout, pattern: {source: aws.ec2}}    | pattern.source: expected a non-empty array",
        "{type: stdout, pattren: {}}                   | unknown field \"pattren\""})
    void aBadEntrySaysWhatToFix(String entry, String message) {
        assertThatThrownBy(() -> read("sinks: [" + entry + "]")).isInstanceOf(InputException.class).hasMessageContaining(message);
    }
}
