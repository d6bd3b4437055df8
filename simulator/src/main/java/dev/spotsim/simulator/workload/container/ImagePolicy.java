package dev.spotsim.simulator.workload.container;

import dev.spotsim.scenarios.model.ContainerSpec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The pull policy (never, missing, always), as the Docker CLI's {@code --pull} applies it. */
final class ImagePolicy {
    private ImagePolicy() {
    }

    /** Makes sure the image is in the engine as the policy says, and returns its config. */
    static ImageConfig ensure(DockerEngine engine, ContainerSpec spec) throws IOException {
        String image = spec.image();
        ImageConfig config = spec.pull().equals("always") ? null : engine.inspectImage(image);
        if (config != null) {
            return config;
        }
        if (spec.pull().equals("never")) {
            throw new IOException("image " + image + " is not in the engine at DOCKER_HOST=" + engine.host() + " and pull is never: build it "
                    + "(examples/containers/build-images.sh builds the samples) or set pull: missing");
        }
        pull(engine, image, spec.pull());
        config = engine.inspectImage(image);
        if (config == null) {
            throw new IOException("image " + image + " is still not in the engine at " + engine.host() + " after pulling it");
        }
        return config;
    }

    private static void pull(DockerEngine engine, String image, String policy) throws IOException {
        try {
            boolean done = engine.client().pullImageCmd(image).start().awaitCompletion(10, TimeUnit.MINUTES);
            if (!done) {
                throw new IOException("pulling image " + image + " took more than 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pulling image " + image, e);
        } catch (RuntimeException e) {
            throw new IOException("cannot pull image " + image + " (pull: " + policy + ") through " + engine.host() + ": "
                    + DockerEngine.rootMessage(e) + "; without a registry, build it locally and set pull: never", e);
        }
    }
}
