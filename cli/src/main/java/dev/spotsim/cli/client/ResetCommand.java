package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim reset}: bring interrupted or terminated instances back for the next try. */
@Command(name = "reset", mixinStandardHelpOptions = true, description = "Bring instances back as fresh, running ones (IMDS answers again).")
public final class ResetCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..*", paramLabel = "INSTANCE_ID", description = "Instances to reset (default: the only one).")
    List<String> instanceIds;

    @Option(names = "--all", description = "Reset every instance.")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        for (String id : ControlOptions.resolve(client, instanceIds, all)) {
            JsonNode answer = client.post("/instances/" + id + "/reset", java.util.Map.of());
            spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(answer) : id + ": " + answer.path("state").asText());
        }
        return 0;
    }
}
