package dev.spotsim.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input the model cannot represent exactly is refused, with where it is, instead of being read as something else. */
class ExactInputTest {
    record Group(int desired, Duration notice, Double rate) {
    }

    record Doc(String name, Map<String, String> slos, List<Group> groups) {
    }

    private final StructuredReader reader = new StructuredReader();

    private Doc yaml(String text) {
        return reader.read(text, "s.yaml", false, Doc.class);
    }

    private Doc json(String text) {
        return reader.read(text, "s.json", true, Doc.class);
    }

    @Test
    void aSecondBlockUnderTheSameKeyIsRefusedNamingBothPositions() {
        String text = "name: web\nslos:\n  drainTime.p95: \"< 60s\"\n  failedRequests: \"< 1\"\ngroups: []\nslos:\n  killedWorkloads: \"== 0\"\n";
        assertThatThrownBy(() -> yaml(text)).isInstanceOf(InputException.class)
                .hasMessage("s.yaml:6:1: slos: duplicate key \"slos\"; it is already at s.yaml:2:1");
    }

    @Test
    void duplicateKeysAreRefusedAtEveryDepthInYamlAndJson() {
        assertThatThrownBy(() -> yaml("slos:\n  a: \"< 1\"\n  a: \"< 2\"\n")).hasMessage("s.yaml:3:3: slos.a: duplicate key \"a\"; it is already at s.yaml:2:3");
        assertThatThrownBy(() -> yaml("groups:\n  - {desired: 1, desired: 2}\n")).hasMessageStartingWith("s.yaml:2:")
                .hasMessageContaining("groups[0].desired: duplicate key \"desired\"");
        assertThatThrownBy(() -> json("{\"name\": \"a\",\n \"name\": \"b\"}")).hasMessage("s.json:2:2: name: duplicate key \"name\"; it is already at s.json:1:2");
    }

    @Test
    void aSecondYamlDocumentIsRefused() {
        assertThatThrownBy(() -> yaml("name: a\n---\nname: b\n")).hasMessageStartingWith("s.yaml:3:1: a second document");
        assertThatThrownBy(() -> json("{\"name\": \"a\"} {\"name\": \"b\"}")).hasMessageStartingWith("s.json:1:15: a second document");
    }

    @ParameterizedTest
    @ValueSource(strings = {"desired: 2.5", "desired: 2.0", "desired: 1e3"})
    void fractionalCountsAreRefused(String desired) {
        assertThatThrownBy(() -> yaml("groups:\n  - " + desired + "\n")).hasMessageStartingWith("s.yaml:2:")
                .hasMessageContaining("groups[0].desired").hasMessageContaining("whole number");
        assertThatThrownBy(() -> json("{\"groups\": [{\"desired\": 2.5}]}")).hasMessageContaining("groups[0].desired");
    }

    @Test
    void wholeCountsStillRead() {
        assertThat(yaml("groups:\n  - {desired: 3, notice: 2m, rate: 1}\n").groups()).containsExactly(new Group(3, Duration.ofMinutes(2), 1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-5S", "-PT5S", "PT0.0005S", "0.5ms", "8d", "PT200H", "99999999999999999999h"})
    void durationsTheSimulatorCannotHonourAreRefused(String notice) {
        assertThatThrownBy(() -> yaml("groups:\n  - {desired: 1, notice: \"" + notice + "\"}\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("s.yaml:2:").hasMessageContaining("groups[0].notice").hasMessageContaining(notice);
    }

    @Test
    void nonFiniteAndOverDeepValuesAreRefused() {
        assertThatThrownBy(() -> yaml("groups:\n  - {desired: 1, rate: 1e999}\n")).hasMessage("s.yaml:2:24: groups[0].rate: expected a finite number, got 1e999");
        assertThatThrownBy(() -> json("{\"groups\": [{\"rate\": -1e999}]}")).hasMessageContaining("groups[0].rate: expected a finite number");
        assertThatThrownBy(() -> yaml("groups:\n  - {desired: 1, rate: .inf}\n")).hasMessageStartingWith("s.yaml:2:").hasMessageContaining(".inf");
        String deep = "{\"groups\": " + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() -> json(deep)).hasMessageContaining("nested deeper than " + DocumentCheck.MAX_DEPTH);
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLineAndColumnOfTheFirstBadByte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', '\n', ' ', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> reader.read(file, Doc.class)).isInstanceOf(InputException.class)
                .hasMessage(file + ":2:6: not valid UTF-8 (byte 0xE9 at offset 11); save the file as UTF-8");
    }

    @Test
    void anOversizedFileIsRefusedWithoutReadingItAll(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "name: x\n# " + "y".repeat(5 * 1024 * 1024) + "\n");
        long started = System.nanoTime();
        assertThatThrownBy(() -> reader.read(big, Doc.class)).hasMessage(big + ": larger than 1024 KiB; a scenario or config file is a few KiB");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anEndlessDeviceIsRefusedLikeAnOversizedFile() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        assertThatThrownBy(() -> reader.read(zero, Doc.class)).hasMessage("/dev/zero: larger than 1024 KiB; a scenario or config file is a few KiB");
    }

    @Test
    void aDirectoryIsNotAFile(@TempDir Path dir) {
        assertThatThrownBy(() -> reader.read(dir, Doc.class)).hasMessage(dir + ": is a directory; expected a YAML or JSON file");
    }
}
