package dev.spotsim.cli.client;

import dev.spotsim.client.Instance;
import dev.spotsim.client.MetadataOptions;
import dev.spotsim.client.SpotSimClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim metadata-options}: like EC2 ModifyInstanceMetadataOptions, for one simulated instance. */
@Command(name = "metadata-options", mixinStandardHelpOptions = true,
        description = "Require IMDSv2 tokens, disable the endpoint, or expose tags in metadata.")
public final class MetadataOptionsCommand extends OneInstanceCommand<Instance> {
    @Option(names = "--http-tokens", paramLabel = "required|optional", description = "required: IMDSv2 only.")
    String httpTokens;

    @Option(names = "--http-endpoint", paramLabel = "enabled|disabled", description = "disabled: IMDS answers 403.")
    String httpEndpoint;

    @Option(names = "--tags", paramLabel = "enabled|disabled", description = "Serve tags/instance/.")
    String tags;

    @Override
    Instance act(SpotSimClient client, String instanceId) {
        return client.metadataOptions(instanceId, new MetadataOptions(httpTokens, httpEndpoint, tags));
    }

    @Override
    String describe(Instance a) {
        MetadataOptions o = a.metadataOptions();
        return "httpTokens " + o.httpTokens() + ", httpEndpoint " + o.httpEndpoint() + ", instanceMetadataTags " + o.instanceMetadataTags();
    }
}
