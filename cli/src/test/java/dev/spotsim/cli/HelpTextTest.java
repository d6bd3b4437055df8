package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Every command's help text formats as picocli formats it (a lone % makes picocli warn and print the raw text). */
class HelpTextTest {
    @Test
    void everyHelpTextOfEveryCommandIsAValidFormatString() {
        List<String> broken = new ArrayList<>();
        check(SpotsimCommand.commandLine(), broken);

        assertThat(broken).as("texts picocli cannot format (escape %% as %%%%)").isEmpty();
    }

    @Test
    void compareHelpNamesItsNoiseFloorsInPercent() {
        Cli cli = Cli.run("compare", "--help");

        assertThat(cli.exitCode).isZero();
        assertThat(cli.out).contains("0.01%, or any new failure").doesNotContain("%%");
        assertThat(cli.err).doesNotContain("WARN");
    }

    private static void check(CommandLine command, List<String> broken) {
        CommandSpec spec = command.getCommandSpec();
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(spec.usageMessage().description()));
        texts.addAll(List.of(spec.usageMessage().header()));
        texts.addAll(List.of(spec.usageMessage().footer()));
        // Options' descriptions come back from ArgSpec already formatted; the command's own texts come back raw.
        for (String text : texts) {
            try {
                String.format(Locale.ROOT, text);
            } catch (IllegalFormatException e) {
                broken.add(spec.qualifiedName() + ": " + text);
            }
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> check(sub, broken));
    }
}
