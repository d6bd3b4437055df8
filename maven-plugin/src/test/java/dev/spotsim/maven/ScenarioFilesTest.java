package dev.spotsim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios parameter: files as given, directories as their scenario files, missing ones named. */
class ScenarioFilesTest {
    @Test
    void aDirectoryBecomesItsYamlYmlAndJsonFilesSortedAndNestedOnesToo(@TempDir Path dir) throws IOException, MojoFailureException {
        Files.createDirectories(dir.resolve("spotsim/nested"));
        for (String f : new String[] {"spotsim/b.yml", "spotsim/a.yaml", "spotsim/nested/c.json", "spotsim/notes.md", "single.yaml"}) {
            Files.writeString(dir.resolve(f), "name: x\n");
        }

        List<Path> files = ScenarioFiles.expand(List.of(new File("single.yaml"), new File("spotsim")), dir);

        assertThat(files).containsExactly(dir.resolve("single.yaml"), dir.resolve("spotsim/a.yaml"), dir.resolve("spotsim/b.yml"),
                dir.resolve("spotsim/nested/c.json"));
    }

    @Test
    void aFileNamedTwiceRunsOnce(@TempDir Path dir) throws IOException, MojoFailureException {
        Files.writeString(dir.resolve("a.yaml"), "name: x\n");
        assertThat(ScenarioFiles.expand(List.of(new File("a.yaml"), dir.toFile()), dir)).containsExactly(dir.resolve("a.yaml"));
    }

    @Test
    void everyMissingNameIsInTheFailure(@TempDir Path dir) {
        assertThatThrownBy(() -> ScenarioFiles.expand(List.of(new File("nope.yaml"), new File("gone/")), dir))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(dir.resolve("nope.yaml").toString()).hasMessageContaining(dir.resolve("gone").toString())
                .hasMessageContaining("do not exist");
    }

    @Test
    void noScenariosConfiguredIsAnEmptyList(@TempDir Path dir) throws MojoFailureException {
        assertThat(ScenarioFiles.expand(null, dir)).isEmpty();
    }
}
