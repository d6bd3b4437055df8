package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every client command shares: where the control API is, and raw JSON output. */
public final class ControlOptions {
    @Option(names = "--control-url", paramLabel = "URL", defaultValue = "${env:SPOTSIM_CONTROL_URL:-http://127.0.0.1:1337/spotsim/v1}",
            description = "The simulator's control API (env SPOTSIM_CONTROL_URL; default: ${DEFAULT-VALUE}).")
    String controlUrl;

    @Option(names = "--json", description = "Print the API's JSON answer instead of text.")
    boolean json;

    public ControlClient client() {
        return new ControlClient(controlUrl);
    }

    public boolean json() {
        return json;
    }

    /**
     * The instances a command acts on: the ids given, or every instance with {@code all}, or the only
     * instance when there is exactly one; anything else is the user's to decide.
     */
    public static List<String> resolve(ControlClient client, List<String> ids, boolean all) {
        if (ids != null && !ids.isEmpty()) {
            if (all) {
                throw new IllegalArgumentException("give instance ids or --all, not both");
            }
            return ids;
        }
        JsonNode instances = client.get("/instances").path("instances");
        List<String> every = new ArrayList<>();
        instances.forEach(i -> every.add(i.path("instanceId").asText()));
        if (all || every.size() == 1) {
            return every;
        }
        if (every.isEmpty()) {
            throw new IllegalArgumentException("the simulator has no instances");
        }
        throw new IllegalArgumentException("the simulator has " + every.size() + " instances; name one (see \"spotsim status\") or use --all");
    }

    public static String resolveOne(ControlClient client, String id) {
        return resolve(client, id == null ? List.of() : List.of(id), false).get(0);
    }
}
