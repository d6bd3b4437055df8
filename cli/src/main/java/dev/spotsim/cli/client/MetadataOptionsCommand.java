package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim metadata-options}: like EC2 ModifyInstanceMetadataOptions, for one simulated instance. */
@Command(name = "metadata-options", mixinStandardHelpOptions = true,
        description = "Require IMDSv2 tokens, disable the endpoint, or expose tags in metadata.")
public final class MetadataOptionsCommand extends OneInstanceCommand {
    @Option(names = "--http-tokens", paramLabel = "required|optional", description = "required: IMDSv2 only.")
    String httpTokens;

    @Option(names = "--http-endpoint", paramLabel = "enabled|disabled", description = "disabled: IMDS answers 403.")
    String httpEndpoint;

    @Option(names = "--tags", paramLabel = "enabled|disabled", description = "Serve tags/instance/.")
    String tags;

    @Override
    JsonNode act(ControlClient client, String path) {
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
        return client.put(path + "/metadata-options", body);
    }

    @Override
    String describe(JsonNode a) {
        JsonNode o = a.path("metadataOptions");
        return "httpTokens " + o.path("httpTokens").asText() + ", httpEndpoint " + o.path("httpEndpoint").asText()
                + ", instanceMetadataTags " + o.path("instanceMetadataTags").asText();
    }
}
