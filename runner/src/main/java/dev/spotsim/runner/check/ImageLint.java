package dev.spotsim.runner.check;

import dev.spotsim.scenarios.check.Finding;
import dev.spotsim.scenarios.model.ContainerSpec;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.simulator.workload.container.DockerEngine;
import dev.spotsim.simulator.workload.container.ImageAdvice;
import dev.spotsim.simulator.workload.container.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a container workload's image from the engine at DOCKER_HOST and says how it will take a stop. */
public final class ImageLint {
    private static final String FIELD = "workload.container.image";

    private ImageLint() {
    }

    /** Warnings about the image; a note when no engine answers or the image is not there (check still passes). */
    public static List<Finding> findings(Scenario scenario, Map<String, String> env) {
        ContainerSpec spec = scenario.workload().container();
        List<Finding> findings = new ArrayList<>();
        if (spec == null) {
            return findings;
        }
        try (DockerEngine engine = DockerEngine.connect(env)) {
            ImageConfig image = engine.inspectImage(spec.image());
            if (image == null) {
                findings.add(Finding.warning(FIELD, spec.image() + " is not in the engine at " + engine.host() + " (pull: " + spec.pull()
                        + "): not checked" + (spec.pull().equals("never") ? "; a run will fail until it is built" : "")));
                return findings;
            }
            ImageAdvice.lint(spec, image).forEach(w -> findings.add(Finding.warning(FIELD, w)));
        } catch (IOException e) {
            findings.add(Finding.warning(FIELD, "image not checked: " + e.getMessage()));
        }
        return findings;
    }
}
