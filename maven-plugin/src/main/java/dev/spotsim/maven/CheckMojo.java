package dev.spotsim.maven;

import dev.spotsim.runner.check.ScenarioChecks;
import dev.spotsim.scenarios.check.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code spotsim:check}: reads each scenario and checks, without running anything, whether its drain fits the
 * notice (the findings of {@code spotsim check}); fails on an invalid scenario or a timing that cannot fit, each
 * named with file:line:col.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends SpotsimMojo {
    @Override
    public void execute() throws MojoFailureException {
        if (skipped(null)) {
            return;
        }
        List<Path> files = scenarioFiles();
        if (files.isEmpty()) {
            throw new MojoFailureException("spotsim: no scenarios to check; set <scenarios> or -Dspotsim.scenarios=FILE,DIR");
        }
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(check(file));
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("spotsim: " + problems.size() + " problem(s) in " + files.size() + " scenario(s):\n" + String.join("\n", problems));
        }
        getLog().info("spotsim: " + files.size() + " scenario(s) valid; every drain fits its notice");
    }

    /** The file's errors (invalid input, timings that cannot fit), each logged; warnings are logged only. */
    private List<String> check(Path file) {
        ScenarioChecks.CheckedFile checked;
        try {
            checked = ScenarioChecks.check(file, System.getenv());
        } catch (RuntimeException e) {
            getLog().error(e.getMessage());
            return List.of(e.getMessage());
        }
        getLog().info(shown(file) + ": " + checked.scenario().name() + " (" + checked.scenario().workload().lane() + "): "
                + (checked.fits() ? "the drain fits the notice" : "the drain cannot fit the notice"));
        List<String> errors = new ArrayList<>();
        for (ScenarioChecks.Located f : checked.findings()) {
            if (f.finding().severity() == Finding.Severity.ERROR) {
                getLog().error(f.line());
                errors.add(f.line());
            } else {
                getLog().warn(f.line());
            }
        }
        return errors;
    }
}
