package dev.spotsim.simulator.instance;

/**
 * The instance's metadata options, as EC2's ModifyInstanceMetadataOptions sets them:
 * {@code httpTokens} required (IMDSv2 only) or optional, the endpoint enabled or not, and whether
 * instance tags are readable from IMDS.
 */
public record MetadataOptions(boolean tokensRequired, boolean endpointEnabled, boolean instanceMetadataTags) {
    public static MetadataOptions defaults() {
        return new MetadataOptions(false, true, false);
    }

    public String httpTokens() {
        return tokensRequired ? "required" : "optional";
    }

    public String httpEndpoint() {
        return endpointEnabled ? "enabled" : "disabled";
    }
}
