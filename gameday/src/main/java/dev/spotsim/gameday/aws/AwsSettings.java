package dev.spotsim.gameday.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How to reach AWS: the region, a named profile (or the default credential chain), per-service
 * endpoint overrides, and optionally an explicit credentials provider and retry strategy (tests use
 * fake keys and short back-offs; a real run leaves both null).
 */
public record AwsSettings(Region region, String profile, Map<AwsService, URI> endpoints,
                          AwsCredentialsProvider credentials, RetryStrategy retryStrategy) {
    public AwsSettings {
        if (region == null) {
            throw new IllegalArgumentException("region: required (--region, AWS_REGION or the profile's region)");
        }
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    }

    /** Settings for {@code region} with the default credential chain and no overrides. */
    public static AwsSettings of(Region region) {
        return new AwsSettings(region, null, Map.of(), null, null);
    }

    /** The partition of the region, for ARNs: aws, aws-cn or aws-us-gov. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html */
    public String partition() {
        String id = region.id();
        return id.startsWith("cn-") ? "aws-cn" : id.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
