package dev.spotsim.cli.client;

import dev.spotsim.client.Instance;
import dev.spotsim.client.SpotSimClient;
import java.util.List;

/**
 * Which instances a client command acts on: the ids given, every instance with {@code --all}, or the
 * only instance when the simulator has exactly one; anything else is the user's to decide.
 */
public final class InstanceSelection {
    private InstanceSelection() {
    }

    /** For commands that take several ids and {@code --all}. */
    public static List<String> resolve(SpotSimClient client, List<String> ids, boolean all) {
        if (ids != null && !ids.isEmpty()) {
            if (all) {
                throw new IllegalArgumentException("give instance ids or --all, not both");
            }
            return List.copyOf(ids);
        }
        List<String> every = every(client);
        if (all || every.size() == 1) {
            return every;
        }
        throw new IllegalArgumentException(tooMany(every) + " or use --all");
    }

    /** For commands about one instance: the one named, or the only one there is. */
    public static String resolveOne(SpotSimClient client, String id) {
        if (id != null) {
            return id;
        }
        List<String> every = every(client);
        if (every.size() == 1) {
            return every.get(0);
        }
        throw new IllegalArgumentException(tooMany(every));
    }

    private static List<String> every(SpotSimClient client) {
        List<String> ids = client.instances().stream().map(Instance::instanceId).toList();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("the simulator has no instances");
        }
        return ids;
    }

    private static String tooMany(List<String> every) {
        return "the simulator has " + every.size() + " instances; name one (see \"spotsim status\")";
    }
}
