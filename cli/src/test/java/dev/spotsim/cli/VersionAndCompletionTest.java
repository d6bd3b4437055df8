package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionAndCompletionTest {
    @Test
    void versionNamesSpotsimAndJava() {
        Cli cli = Cli.run("--version");

        assertThat(cli.exitCode).isZero();
        assertThat(cli.out).startsWith("spotsim ").contains("Java ");
    }

    @Test
    void bashCompletionCompletesSubcommandsInARealBash(@TempDir Path dir) throws Exception {
        Cli cli = Cli.run("generate-completion");
        Path script = dir.resolve("spotsim-completion.bash");
        Files.writeString(script, cli.out);
        // Load the script into bash and ask it what "spotsim com<TAB>" completes to.
        String probe = "source " + script + "; COMP_WORDS=(spotsim com); COMP_CWORD=1; COMP_LINE='spotsim com'; COMP_POINT=11;"
                + " _complete_spotsim; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(cli.exitCode).isZero();
        assertThat(cli.out).contains("complete -F _complete_spotsim");
        assertThat(output.lines()).contains("compare");
    }
}
