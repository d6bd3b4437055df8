package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code spotsim reset}: bring interrupted or terminated instances back for the next try. */
@Command(name = "reset", mixinStandardHelpOptions = true, description = "Bring instances back as fresh, running ones (IMDS answers again).")
public final class ResetCommand extends ManyInstancesCommand {
    @Override
    JsonNode act(ControlClient client, String path) {
        return client.post(path + "/reset", Map.of());
    }

    @Override
    String describe(JsonNode answer) {
        return answer.path("state").asText();
    }
}
