package dev.spotsim.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code spotsim:verify}: fails the build when a scenario run of {@code spotsim:run} broke an SLO (the broken
 * SLOs in the message) or reached no verdict, as failsafe's verify does for integration tests.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends SpotsimMojo {
    /** Fails the build when no scenario ran (a misconfigured {@code scenarios}); false: only says so. */
    @Parameter(property = "spotsim.failIfNoScenarios", defaultValue = "true")
    boolean failIfNoScenarios;

    /** Skips, as failsafe does ({@code -DskipITs}). */
    @Parameter(property = "skipITs", defaultValue = "false")
    boolean skipITs;

    /** Skips, as failsafe does ({@code -DskipTests}). */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped(skipITs ? "skipITs" : skipTests ? "skipTests" : null)) {
            return;
        }
        RunSummary summary = RunSummary.read(summaryFile());
        if (summary == null || summary.runs().isEmpty()) {
            String message = "spotsim: no scenario ran in this build (" + (summary == null ? "no " + shown(summaryFile()) + "; is spotsim:run bound?"
                    : "spotsim:run found no scenarios") + "); set <scenarios> or -Dspotsim.scenarios=FILE,DIR";
            if (failIfNoScenarios) {
                throw new MojoFailureException(message + ", or <failIfNoScenarios>false</failIfNoScenarios>");
            }
            getLog().warn(message);
            return;
        }
        judge(summary.runs());
    }

    /** No verdict outranks a broken SLO: the run itself must be fixed before its SLOs mean anything. */
    void judge(List<RunSummary.Entry> runs) throws MojoExecutionException, MojoFailureException {
        List<RunSummary.Entry> noVerdict = runs.stream().filter(e -> !e.hasVerdict()).toList();
        List<RunSummary.Entry> broken = runs.stream().filter(RunSummary.Entry::brokeAnSlo).toList();
        if (!noVerdict.isEmpty()) {
            throw new MojoExecutionException(message(noVerdict.size() + " of " + runs.size() + " scenario run(s) reached no verdict", noVerdict));
        }
        if (!broken.isEmpty()) {
            throw new MojoFailureException(message(broken.size() + " of " + runs.size() + " scenario run(s) broke an SLO", broken));
        }
        getLog().info("spotsim: every SLO holds in " + runs.size() + " scenario run(s)");
    }

    private static String message(String headline, List<RunSummary.Entry> entries) {
        List<String> lines = new ArrayList<>();
        lines.add("spotsim: " + headline + ":");
        entries.forEach(e -> lines.addAll(e.describe()));
        return String.join("\n", lines);
    }
}
