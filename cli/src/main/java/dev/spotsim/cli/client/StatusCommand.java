package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim status}: the simulated instances and what is planned for them. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the simulated instances: state, IMDS endpoint, planned interruption.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "One instance (default: all).")
    String instanceId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        JsonNode answer = instanceId == null ? client.get("/instances") : client.get("/instances/" + instanceId);
        PrintWriter out = spec.commandLine().getOut();
        if (control.json()) {
            out.println(ControlClient.pretty(answer));
            return 0;
        }
        String format = "%-21s %-22s %-10s %-11s %-9s %-23s %s%n";
        out.printf(format, "INSTANCE", "STATE", "TYPE", "AZ", "LIFECYCLE", "IMDS", "INTERRUPTION");
        Iterable<JsonNode> rows = instanceId == null ? answer.path("instances") : java.util.List.of(answer);
        for (JsonNode i : rows) {
            JsonNode plan = i.path("interruption");
            String interruption = plan.isMissingNode() || plan.isNull() ? "-"
                    : plan.path("action").asText() + ", notice " + plan.path("noticeTime").asText() + ", action " + plan.path("actionTime").asText();
            out.printf(format, i.path("instanceId").asText(), i.path("state").asText(), i.path("instanceType").asText(),
                    i.path("availabilityZone").asText(), i.path("lifecycle").asText(), i.path("imdsEndpoint").asText(), interruption);
        }
        return 0;
    }
}
