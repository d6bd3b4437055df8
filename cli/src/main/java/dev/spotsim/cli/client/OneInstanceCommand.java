package dev.spotsim.cli.client;

import dev.spotsim.client.SpotSimClient;
import java.util.List;
import picocli.CommandLine.Parameters;

/** A client command about one instance, which may be left out when the simulator has only one. */
abstract class OneInstanceCommand<T> extends InstanceCommand<T> {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "The instance (default: the only one).")
    String instanceId;

    @Override
    final List<String> targets(SpotSimClient client) {
        return List.of(InstanceSelection.resolveOne(client, instanceId));
    }
}
