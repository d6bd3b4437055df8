package dev.spotsim.cli.client;

import dev.spotsim.client.ControlApiException;
import dev.spotsim.client.SpotSimClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A client command that calls the API once per instance and prints each answer. When one of several
 * instances is refused (say, already interrupted), the others still get their call; the exit code is 1.
 *
 * @param <T> the typed answer of one call
 */
abstract class InstanceCommand<T> implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        SpotSimClient client = control.client();
        List<String> ids = targets(client);
        PrintWriter out = spec.commandLine().getOut();
        int refused = 0;
        for (String id : ids) {
            try {
                T answer = act(client, id);
                out.println(control.json() ? client.pretty(answer) : id + ": " + describe(answer));
            } catch (ControlApiException e) {
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
    abstract List<String> targets(SpotSimClient client);

    /** Calls the API for one instance; returns its answer. */
    abstract T act(SpotSimClient client, String instanceId);

    /** How the answer reads for people, after "instance-id: ". */
    abstract String describe(T answer);
}
