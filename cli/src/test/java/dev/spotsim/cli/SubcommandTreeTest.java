package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.cli.console.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** main builds only the subcommand its first argument names, and that one behaves as in the full tree. */
class SubcommandTreeTest {
    private static final Map<String, String> ENV = Map.of();

    @Test
    void theFullTreeListsEverySubcommandByItsCommandNameInTheListsOrder() {
        CommandLine full = SpotsimCommand.commandLine(ENV);

        assertThat(full.getSubcommands().keySet()).containsExactlyElementsOf(
                SpotsimCommand.SUBCOMMANDS.stream().map(SpotsimCommand.Subcommand::name).toList());
        for (SpotsimCommand.Subcommand sub : SpotsimCommand.SUBCOMMANDS) {
            assertThat(sub.type().getAnnotation(CommandLine.Command.class).name()).as(sub.type().getName()).isEqualTo(sub.name());
        }
    }

    @Test
    void aCommandLineNamingASubcommandHoldsOnlyThatOneWithTheSameHelpAndSettings() {
        CommandLine full = SpotsimCommand.commandLine(ENV);
        for (SpotsimCommand.Subcommand sub : SpotsimCommand.SUBCOMMANDS.stream().filter(SpotsimCommand.Subcommand::standalone).toList()) {
            CommandLine only = SpotsimCommand.commandLine(ENV, Terminal.of(ENV), sub.name());

            assertThat(only.getSubcommands().keySet()).as(sub.name()).containsExactly(sub.name());
            CommandLine fromOnly = only.getSubcommands().get(sub.name());
            CommandLine fromFull = full.getSubcommands().get(sub.name());
            assertThat(fromOnly.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(sub.name())
                    .isEqualTo(fromFull.getUsageMessage(CommandLine.Help.Ansi.OFF));
            assertThat(fromOnly.isExpandAtFiles()).as(sub.name()).isEqualTo(fromFull.isExpandAtFiles());
            assertThat(fromOnly.isCaseInsensitiveEnumValuesAllowed()).as(sub.name()).isEqualTo(fromFull.isCaseInsensitiveEnumValuesAllowed());
            assertThat(fromOnly.getColorScheme().ansi()).as(sub.name()).isEqualTo(fromFull.getColorScheme().ansi());
            assertThat(fromOnly.getParameterExceptionHandler()).as(sub.name()).isInstanceOf(UsageErrors.class);
            assertThat(fromOnly.getExecutionExceptionHandler()).as(sub.name()).isInstanceOf(UsageErrors.class);
        }
    }

    @Test
    void anythingElseFirstGetsTheFullTreeSoHelpAndSuggestionsNameEverySubcommand() {
        for (String first : Arrays.asList(null, "--help", "-V", "serv", "ser", "help", "generate-completion")) {
            CommandLine cmd = SpotsimCommand.commandLine(ENV, Terminal.of(ENV), first);

            assertThat(cmd.getSubcommands()).as(String.valueOf(first)).hasSize(SpotsimCommand.SUBCOMMANDS.size());
        }
    }

    @Test
    void helpForASubcommandAndTheCompletionScriptStillKnowEverySubcommand() {
        StringWriter help = new StringWriter();
        CommandLine forHelp = SpotsimCommand.commandLine(ENV, Terminal.of(ENV), "help");
        forHelp.setOut(new PrintWriter(help, true));
        StringWriter script = new StringWriter();
        CommandLine forCompletion = SpotsimCommand.commandLine(ENV, Terminal.of(ENV), "generate-completion");
        forCompletion.setOut(new PrintWriter(script, true));

        assertThat(forHelp.execute("help", "compare")).isZero();
        assertThat(forCompletion.execute("generate-completion")).isZero();

        assertThat(help.toString()).startsWith("Usage: spotsim compare");
        assertThat(script.toString()).contains("serve", "compare", "gameday", "metadata-options");
    }

    @Test
    void serveAloneRejectsAnUnknownOptionAsTheFullTreeDoes() {
        StringWriter onlyErr = new StringWriter();
        CommandLine only = SpotsimCommand.commandLine(ENV, Terminal.of(ENV), "serve");
        only.setOut(new PrintWriter(new StringWriter(), true));
        only.setErr(new PrintWriter(onlyErr, true));
        StringWriter fullErr = new StringWriter();
        CommandLine full = SpotsimCommand.commandLine(ENV);
        full.setOut(new PrintWriter(new StringWriter(), true));
        full.setErr(new PrintWriter(fullErr, true));

        int onlyCode = only.execute("serve", "--prot", "1");
        int fullCode = full.execute("serve", "--prot", "1");

        assertThat(onlyCode).isEqualTo(fullCode).isNotZero();
        assertThat(onlyErr.toString()).isEqualTo(fullErr.toString()).contains("--prot");
    }

    @Test
    void serveAloneTakesAnAtSignAsTheOptionsValueNotAsAnArgumentFile(@TempDir Path dir) throws Exception {
        Path words = Files.writeString(dir.resolve("words"), "required\n");
        CommandLine only = SpotsimCommand.commandLine(ENV, Terminal.of(ENV), "serve");

        CommandLine.ParseResult parsed = only.parseArgs("serve", "--imdsv2", "@" + words);

        assertThat(parsed.subcommand().matchedOptionValue("--imdsv2", "")).isEqualTo("@" + words);
    }
}
