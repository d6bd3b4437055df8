package dev.spotsim.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructuredReaderTest {
    record Timing(Duration notice, int count) {
    }

    record Config(String name, List<Timing> steps) {
    }

    private final StructuredReader reader = new StructuredReader();

    @Test
    void readsYamlIntoRecordsWithDurations() {
        Config c = reader.read("name: x\nsteps:\n  - {notice: 2m, count: 3}\n", "c.yaml", false, Config.class);
        assertThat(c.steps()).containsExactly(new Timing(Duration.ofMinutes(2), 3));
    }

    @Test
    void unknownFieldsNameFileLineColumnPathAndTheKnownFields() {
        assertThatThrownBy(() -> reader.read("name: x\nsteps:\n  - {notice: 2m, cuont: 3}\n", "c.yaml", false, Config.class))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("c.yaml:3:")
                .hasMessageContaining("steps[0].cuont")
                .hasMessageContaining("unknown field \"cuont\"; expected one of: count, notice");
    }

    @Test
    void badDurationsSayWhatWasExpected() {
        assertThatThrownBy(() -> reader.read("steps:\n  - notice: 120\n", "c.yaml", false, Config.class))
                .hasMessageStartingWith("c.yaml:2:")
                .hasMessageContaining("steps[0].notice")
                .hasMessageContaining("a duration like");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThatThrownBy(() -> reader.read("{\"steps\": [{\"count\": \"many\"}]}", "c.json", true, Config.class))
                .hasMessageStartingWith("c.json:1:")
                .hasMessageContaining("steps[0].count")
                .hasMessageContaining("a whole number");
    }

    @Test
    void emptyAndMissingFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "  \n");
        assertThatThrownBy(() -> reader.read(empty, Config.class)).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> reader.read(dir.resolve("missing.yaml"), Config.class)).hasMessageEndingWith("missing.yaml: no such file");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> reader.read("{\"name\": \"a\", \"name\": \"b\"}", "c.json", true, Config.class))
                .isInstanceOf(InputException.class).hasMessageContaining("name");
    }
}
