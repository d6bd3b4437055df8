package dev.spotsim.client;

/**
 * IMDS options with EC2's ModifyInstanceMetadataOptions names and values: httpTokens required|optional,
 * httpEndpoint enabled|disabled, instanceMetadataTags enabled|disabled. As a request, null leaves a field as it is.
 */
public record MetadataOptions(String httpTokens, String httpEndpoint, String instanceMetadataTags) {
    /** Only httpTokens changes: {@code true} for IMDSv2-only. */
    public static MetadataOptions tokensRequired(boolean required) {
        return new MetadataOptions(required ? "required" : "optional", null, null);
    }
}
