package dev.spotsim.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every spotsim goal shares: the scenarios, the skip switches and the project's directories. */
abstract class SpotsimMojo extends AbstractMojo {
    /**
     * Scenario files, or directories whose *.yaml, *.yml and *.json files are scenarios; relative to the project's
     * directory. On the command line: {@code -Dspotsim.scenarios=a.yaml,scenarios/}.
     */
    @Parameter(property = "spotsim.scenarios")
    List<File> scenarios;

    /** Skips the goal ({@code -Dspotsim.skip}). */
    @Parameter(property = "spotsim.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** Where run directories and the run summary go. */
    @Parameter(property = "spotsim.outputDirectory", defaultValue = "${project.build.directory}/spotsim", required = true)
    File outputDirectory;

    /** The goal's own skip switches and spotsim.skip; says so in the log when skipping. */
    boolean skipped(String why) {
        if (skip) {
            getLog().info("spotsim: skipped (spotsim.skip)");
            return true;
        }
        if (why != null) {
            getLog().info("spotsim: skipped (" + why + ")");
            return true;
        }
        return false;
    }

    /** The scenario files the parameters name, checked to exist. */
    List<Path> scenarioFiles() throws MojoFailureException {
        return ScenarioFiles.expand(scenarios, basedir.toPath());
    }

    Path summaryFile() {
        return outputDirectory.toPath().resolve("spotsim-summary.json");
    }

    /** A path as the build log shows it: relative to the project when inside it. */
    String shown(Path p) {
        Path base = basedir.toPath().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
