package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A client command about one instance, which may be left out when the simulator has only one. */
abstract class OneInstanceCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "The instance (default: the only one).")
    String instanceId;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        ControlClient client = control.client();
        String id = ControlOptions.resolveOne(client, instanceId);
        JsonNode answer = act(client, "/instances/" + id);
        spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(answer) : id + ": " + describe().apply(answer));
        return 0;
    }

    /** Calls the API for the instance at {@code path}; returns its answer. */
    abstract JsonNode act(ControlClient client, String path);

    /** How the answer reads for people. */
    abstract Function<JsonNode, String> describe();
}
