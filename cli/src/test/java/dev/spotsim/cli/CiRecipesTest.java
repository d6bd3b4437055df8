package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CI recipes in docs/ci parse, and every spotsim command they run exists with the options they pass. */
class CiRecipesTest {
    private static final Path DOCS = Path.of("..", "docs", "ci");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SPOTSIM_CALL = Pattern.compile("spotsim/spotsim\"?[ \\t]+([a-z-]+)((?:[ \\t]+(?:\"[^\"]*\"|[^\\s'\"]+))*)");

    @Test
    void githubActionsWorkflowRunsTheGateAndPublishesEverything() throws Exception {
        JsonNode workflow = YAML.readTree(DOCS.resolve("github-actions.yml").toFile());
        JsonNode steps = workflow.path("jobs").path("spot-drain").path("steps");
        List<String> runs = new ArrayList<>();
        List<String> uses = new ArrayList<>();
        steps.forEach(s -> {
            runs.add(s.path("run").asText(""));
            uses.add(s.path("uses").asText(""));
        });

        assertThat(workflow.path("on").isMissingNode()).isFalse();
        assertThat(uses).anyMatch(u -> u.startsWith("actions/upload-artifact@")).anyMatch(u -> u.startsWith("mikepenz/action-junit-report@"));
        assertThat(String.join("\n", runs)).contains("$GITHUB_STEP_SUMMARY", "summary.md");
        assertSpotsimCallsExist(String.join("\n", runs));
    }

    @Test
    void gitlabJobPublishesJunitAndTheRunDirectory() throws Exception {
        JsonNode job = YAML.readTree(DOCS.resolve("gitlab-ci.yml").toFile()).path("spot-drain");

        assertThat(job.path("artifacts").path("reports").path("junit").asText()).isEqualTo("spotsim-out/*/junit.xml");
        assertThat(job.path("artifacts").path("when").asText()).isEqualTo("always");
        List<String> script = new ArrayList<>();
        job.path("script").forEach(n -> script.add(n.asText()));
        assertSpotsimCallsExist(String.join("\n", script));
    }

    @Test
    void jenkinsfileRecordsJunitAndArchivesTheRun() throws Exception {
        String pipeline = Files.readString(DOCS.resolve("Jenkinsfile"));

        assertThat(pipeline).contains("junit ", "testResults: 'spotsim-out/*/junit.xml'", "archiveArtifacts");
        assertThat(pipeline.chars().filter(c -> c == '{').count()).isEqualTo(pipeline.chars().filter(c -> c == '}').count());
        assertSpotsimCallsExist(pipeline);
    }

    /** Each "spotsim SUBCOMMAND --option" in {@code text} names a real subcommand and real options of it. */
    private static void assertSpotsimCallsExist(String text) {
        CommandLine spotsim = SpotsimCommand.commandLine(java.util.Map.of());
        Matcher m = SPOTSIM_CALL.matcher(text);
        int calls = 0;
        while (m.find()) {
            calls++;
            CommandLine sub = spotsim.getSubcommands().get(m.group(1));
            assertThat(sub).as("spotsim %s", m.group(1)).isNotNull();
            for (String word : m.group(2).trim().split("\\s+")) {
                if (word.startsWith("--")) {
                    assertThat(sub.getCommandSpec().findOption(word)).as("spotsim %s %s", m.group(1), word).isNotNull();
                }
            }
        }
        assertThat(calls).as("spotsim calls in the recipe").isGreaterThanOrEqualTo(2);
    }
}
