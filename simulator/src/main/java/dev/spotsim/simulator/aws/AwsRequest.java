package dev.spotsim.simulator.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One AWS API call as the front door understood it.
 *
 * @param service   the SigV4 signing name ("ec2", "autoscaling", "fis", "ssm", "events", "sqs", "ecs", "elasticloadbalancing", "sts")
 * @param region    from the credential scope of the Authorization header, else the simulator's region
 * @param operation "DescribeInstances" (query {@code Action}, the JSON target's operation, or null for REST: route by path)
 * @param params    query protocols: the form parameters (and URL query), in order; empty for the others
 * @param headers   lower-case header names
 * @param body      the raw body (JSON protocols: the JSON document)
 */
public record AwsRequest(String requestId, String service, String region, AwsProtocol protocol, String operation, String method,
                         String path, Map<String, String> params, Map<String, List<String>> query, Map<String, String> headers,
                         byte[] body) {
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A query-protocol parameter, or null. */
    public String param(String name) {
        return params.get(name);
    }
}
