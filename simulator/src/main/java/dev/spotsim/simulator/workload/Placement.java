package dev.spotsim.simulator.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a workload runs and what its environment tells it about that place: the simulated instance,
 * its own metadata endpoint, the region, the ECS task metadata URI (null outside ECS) and the port to
 * serve on (0: we pick a free loopback port).
 */
public record Placement(String instanceId, String imdsEndpoint, String region, String ecsMetadataUri, int port) {
    public static final String PORT = "PORT";
    /** Read by every AWS SDK and the CLI instead of 169.254.169.254. */
    public static final String IMDS_ENDPOINT = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
    public static final String INSTANCE_ID = "SPOTSIM_INSTANCE_ID";
    public static final String REGION = "AWS_REGION";
    /** The older name, still read by the AWS CLI v1 and some SDKs. */
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String ECS_METADATA_URI = "ECS_CONTAINER_METADATA_URI_V4";
    /**
     * Variables of the machine spotsim runs on that would contradict the placement: ours, plus the
     * switches that turn IMDS off or to IPv6 and the ECS v3 endpoint. The workload does not inherit them.
     */
    static final List<String> HOST_ONLY = List.of(PORT, IMDS_ENDPOINT, INSTANCE_ID, REGION, DEFAULT_REGION, ECS_METADATA_URI,
            "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ECS_CONTAINER_METADATA_URI");

    public Placement {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(imdsEndpoint, "imdsEndpoint");
        Objects.requireNonNull(region, "region");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: expected 0..65535 (0: pick a free one), got " + port);
        }
    }

    /** On {@code instanceId}, outside ECS, on a port we pick. */
    public static Placement on(String instanceId, String imdsEndpoint, String region) {
        return new Placement(instanceId, imdsEndpoint, region, null, 0);
    }

    public Placement withEcsMetadataUri(String uri) {
        return new Placement(instanceId, imdsEndpoint, region, uri, port);
    }

    public Placement withPort(int port) {
        return new Placement(instanceId, imdsEndpoint, region, ecsMetadataUri, port);
    }

    /** The variables a workload placed here sees (once a port is chosen). */
    Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PORT, Integer.toString(port));
        env.put(IMDS_ENDPOINT, imdsEndpoint);
        env.put(INSTANCE_ID, instanceId);
        env.put(REGION, region);
        env.put(DEFAULT_REGION, region);
        if (ecsMetadataUri != null) {
            env.put(ECS_METADATA_URI, ecsMetadataUri);
        }
        return env;
    }
}
