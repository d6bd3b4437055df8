package dev.spotsim.simulator.workload.container;

import dev.spotsim.scenarios.model.ContainerSpec;
import dev.spotsim.simulator.workload.Signal;
import dev.spotsim.simulator.workload.WorkloadExit;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain words about how an image will take a stop, from its config and the scenario's overrides: the lint that
 * {@code spotsim check} and a run print, and the explanation a record carries for a container that did not drain.
 */
public final class ImageAdvice {
    private static final String FIX = "use the exec form (CMD [\"java\", ...]), `init: true`, or a STOPSIGNAL the program handles";

    private ImageAdvice() {
    }

    /** The signal a stop sends first: the scenario's stopSignal, else the image's STOPSIGNAL, else SIGTERM. */
    public static Signal stopSignal(ContainerSpec spec, ImageConfig image) {
        String text = spec.stopSignal() != null ? spec.stopSignal() : image.stopSignal();
        return text == null ? Signal.SIGTERM : Signal.parse(text);
    }

    /** Warnings about the image as {@code spec} runs it; empty when nothing stands out. */
    public static List<String> lint(ContainerSpec spec, ImageConfig image) {
        List<String> warnings = new ArrayList<>();
        ImageConfig.Launched launched = image.launched(spec);
        if (launched.argv().isEmpty()) {
            warnings.add(spec.image() + ": the image has no ENTRYPOINT or CMD and the scenario sets no command: nothing to run");
            return warnings;
        }
        // A shell-form override is the scenario's own: ContainerCheck reports it without an engine.
        if (launched.shellForm() && !spec.init() && launched.source().startsWith("image's")) {
            warnings.add(spec.image() + ": the " + launched.source() + " is shell form (" + launched.shown() + "): /bin/sh is PID 1, and a PID 1 "
                    + "without a handler ignores " + stopSignal(spec, image) + ", so the program never sees it and is SIGKILLed (exit 137) at the stop timeout: " + FIX);
        }
        if (spec.containerPort() != null && !image.exposedTcp().isEmpty() && !image.exposedTcp().contains(spec.containerPort())) {
            warnings.add(spec.image() + ": containerPort " + spec.containerPort() + " is not among the ports the image EXPOSEs " + image.exposedTcp()
                    + ": the balancer targets the task's port, handed to the program as PORT (containers run on the host's network)");
        }
        return warnings;
    }

    /**
     * What in the image made a container miss its stop signal, appended by the platform to its "exit 137 at its
     * deadline: PID 1 did not exit on SIGTERM"; null when the container was not SIGKILLed.
     */
    public static String undrainedHint(ContainerSpec spec, ImageConfig image, WorkloadExit exit) {
        if (exit.signal() != Signal.SIGKILL || exit.oomKilled()) {
            return null;
        }
        ImageConfig.Launched launched = image.launched(spec);
        Signal sent = stopSignal(spec, image);
        if (launched.shellForm() && !spec.init()) {
            return "the " + launched.source() + " is shell form (" + launched.shown() + "), so /bin/sh is PID 1 and never passes " + sent
                    + " on: " + FIX;
        }
        return "PID 1 (" + launched.shown() + ") ignores " + sent + " or drains for longer than the deadline: handle " + sent
                + " and finish sooner, or raise the deadline";
    }
}
