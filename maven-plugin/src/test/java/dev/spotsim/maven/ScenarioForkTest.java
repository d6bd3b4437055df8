package dev.spotsim.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forked run is a real child JVM: what it cannot start with comes back as the outcome's error, in one line. */
class ScenarioForkTest {
    /** Collects what the fork logs. */
    static final class Lines extends SystemStreamLog {
        final List<String> info = new ArrayList<>();
        final List<String> warn = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            info.add(content.toString());
        }

        @Override
        public void warn(CharSequence content) {
            warn.add(content.toString());
        }
    }

    @Test
    void aBaselineThatCannotBeReadEndsTheForkWithExitOneAndItsMessageAndNoRunDirectory(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), """
                name: s
                fleet:
                  group: {desired: 1}
                  pools: [{type: c5.large, az: us-east-1a}]
                workload: {lane: app, command: "true"}
                """);
        Lines log = new Lines();
        List<File> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new).toList();
        ScenarioFork fork = new ScenarioFork(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"), classpath, log);

        ScenarioFork.Outcome outcome = fork.run(List.of(ForkedRun.SCENARIO, scenario.toString(), ForkedRun.OUT, dir.resolve("out").toString(),
                ForkedRun.BASELINE, dir.resolve("no-such-run").toString()), dir);

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.error()).contains("no-such-run", "not found");
        assertThat(outcome.runDir()).isNull();
        assertThat(log.warn).as("nothing on the fork's stderr").isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theCommandLineCarriesTheJvmOptionsTheClasspathAndTheMainClass() {
        ScenarioFork fork = new ScenarioFork("java", List.of("-Xmx256m"), List.of(new File("/a.jar"), new File("/b")), new Lines());
        assertThat(fork.command(List.of("--scenario", "x.yaml"))).containsExactly("java", "-Xmx256m", "-cp",
                "/a.jar" + File.pathSeparator + "/b", ForkedRun.class.getName(), "--scenario", "x.yaml");
    }
}
