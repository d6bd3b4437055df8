package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim metadata-options}: like EC2 ModifyInstanceMetadataOptions, for one simulated instance. */
@Command(name = "metadata-options", mixinStandardHelpOptions = true,
        description = "Require IMDSv2 tokens, disable the endpoint, or expose tags in metadata.")
public final class MetadataOptionsCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "The instance (default: the only one).")
    String instanceId;

    @Option(names = "--http-tokens", paramLabel = "required|optional", description = "required: IMDSv2 only.")
    String httpTokens;

    @Option(names = "--http-endpoint", paramLabel = "enabled|disabled", description = "disabled: IMDS answers 403.")
    String httpEndpoint;

    @Option(names = "--tags", paramLabel = "enabled|disabled", description = "Serve tags/instance/.")
    String tags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        String id = ControlOptions.resolveOne(client, instanceId);
        Map<String, Object> body = new LinkedHashMap<>();
        if (httpTokens != null) {
            body.put("httpTokens", httpTokens);
        }
        if (httpEndpoint != null) {
            body.put("httpEndpoint", httpEndpoint);
        }
        if (tags != null) {
            body.put("instanceMetadataTags", tags);
        }
        JsonNode answer = client.put("/instances/" + id + "/metadata-options", body);
        JsonNode o = answer.path("metadataOptions");
        spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(answer)
                : id + ": httpTokens " + o.path("httpTokens").asText() + ", httpEndpoint " + o.path("httpEndpoint").asText()
                        + ", instanceMetadataTags " + o.path("instanceMetadataTags").asText());
        return 0;
    }
}
