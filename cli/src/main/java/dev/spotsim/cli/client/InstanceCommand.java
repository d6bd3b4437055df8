package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A client command that calls the API once per instance and prints each answer. When one of several
 * instances is refused (say, already interrupted), the others still get their call; the exit code is 1.
 */
abstract class InstanceCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        ControlClient client = control.client();
        List<String> ids = targets(client);
        PrintWriter out = spec.commandLine().getOut();
        int refused = 0;
        for (String id : ids) {
            try {
                JsonNode answer = act(client, "/instances/" + id);
                out.println(control.json() ? ControlClient.pretty(answer) : id + ": " + describe(answer));
            } catch (ApiException e) {
                if (ids.size() == 1 || !e.refused()) {
                    throw e;
                }
                spec.commandLine().getErr().println("spotsim: " + id + ": " + e.getMessage());
                refused++;
            }
        }
        out.flush();
        return refused == 0 ? 0 : 1;
    }

    /** The instances named on the command line, checked against the simulator. */
    abstract List<String> targets(ControlClient client);

    /** Calls the API for the instance at {@code path} (like {@code /instances/i-0123...}); returns its answer. */
    abstract JsonNode act(ControlClient client, String path);

    /** How the answer reads for people, after "instance-id: ". */
    abstract String describe(JsonNode answer);
}
