package dev.spotsim.cli.client;

import dev.spotsim.client.SpotSimClient;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A client command about the instances named, or {@code --all}, or the only one. */
abstract class ManyInstancesCommand<T> extends InstanceCommand<T> {
    @Parameters(arity = "0..*", paramLabel = "INSTANCE_ID", description = "The instances (default: the only one).")
    List<String> instanceIds;

    @Option(names = "--all", description = "Every instance.")
    boolean all;

    @Override
    final List<String> targets(SpotSimClient client) {
        return InstanceSelection.resolve(client, instanceIds, all);
    }
}
