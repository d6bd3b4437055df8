package dev.spotsim.simulator.instance;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a simulated instance is: everything IMDS reports about it that does not change while it runs.
 * {@code publicIpv4}, {@code autoScalingGroup} and {@code userData} may be null (no public address, not in a
 * group, no user data).
 */
public record InstanceIdentity(String instanceId, String instanceType, String availabilityZone, String region,
                               String lifecycle, String amiId, String accountId, String privateIpv4,
                               String publicIpv4, String mac, String vpcId, String subnetId,
                               List<String> securityGroups, String iamRole, String autoScalingGroup,
                               Map<String, String> tags, UserData userData) {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern AZ = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");
    private static final Pattern TAG_KEY = Pattern.compile("[^/]{1,128}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9-]+\\.[a-z0-9]+");

    public InstanceIdentity {
        require(instanceId, "instanceId");
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instanceId: expected i- and 8 or 17 hex digits (like i-0123456789abcdef0), got \"" + instanceId + "\"");
        }
        require(instanceType, "instanceType");
        if (!INSTANCE_TYPE.matcher(instanceType).matches()) {
            throw new IllegalArgumentException("instanceType: expected a type like c5.large, got \"" + instanceType + "\"");
        }
        require(availabilityZone, "availabilityZone");
        if (!AZ.matcher(availabilityZone).matches()) {
            throw new IllegalArgumentException("availabilityZone: expected a zone like us-east-1a, got \"" + availabilityZone + "\"");
        }
        if (region == null) {
            region = availabilityZone.substring(0, availabilityZone.length() - 1);
        }
        if (!availabilityZone.startsWith(region) || availabilityZone.length() != region.length() + 1) {
            throw new IllegalArgumentException("availabilityZone: " + availabilityZone + " is not in region " + region);
        }
        require(lifecycle, "lifecycle");
        if (!lifecycle.equals("spot") && !lifecycle.equals("on-demand")) {
            throw new IllegalArgumentException("lifecycle: expected spot or on-demand, got \"" + lifecycle + "\"");
        }
        require(amiId, "amiId");
        require(accountId, "accountId");
        require(privateIpv4, "privateIpv4");
        require(mac, "mac");
        require(vpcId, "vpcId");
        require(subnetId, "subnetId");
        securityGroups = List.copyOf(Objects.requireNonNullElse(securityGroups, List.of()));
        require(iamRole, "iamRole");
        tags = Map.copyOf(Objects.requireNonNullElse(tags, Map.of()));
        for (String key : tags.keySet()) {
            // IMDS cannot serve keys with '/', and AWS refuses to enable tags in metadata for them.
            if (!TAG_KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
                throw new IllegalArgumentException("tags: key \"" + key + "\" cannot be served by IMDS (1..128 characters, no '/', not . or ..)");
            }
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
    }

    /**
     * A plausible, deterministic identity for the {@code index}-th simulated instance, in no Auto Scaling
     * group (a group's launches add theirs).
     */
    public static InstanceIdentity generated(int index, String instanceType, String availabilityZone, String lifecycle) {
        if (availabilityZone == null || !AZ.matcher(availabilityZone).matches()) {
            // Checked here too: the region is cut from the zone before the constructor could say what is wrong.
            throw new IllegalArgumentException("availabilityZone: expected a zone like us-east-1a, got \"" + availabilityZone + "\"");
        }
        String region = availabilityZone.substring(0, availabilityZone.length() - 1);
        long n = 0x0a1b2c3d4e5f6000L + index;
        String privateIp = "10.0." + ((index / 250) % 250) + "." + (index % 250 + 4);
        String publicIp = "203.0." + (113 + (index / 250) % 100) + "." + (index % 250 + 4);
        // Formatted by hand: a group replacing 1,000 interrupted instances makes 1,000 of these in a row.
        String mac = "0e:" + hexByte(index >> 24) + ":" + hexByte(index >> 16) + ":" + hexByte(index >> 8) + ":" + hexByte(index) + ":5e";
        return new InstanceIdentity("i-0" + zeroPadded(Long.toHexString(n), 16), instanceType, availabilityZone, region, lifecycle,
                "ami-0abcdef1234567890", "123456789012", privateIp, publicIp, mac, "vpc-0a1b2c3d4e5f60718",
                "subnet-0a1b2c3d4e5f60718", List.of("default"), "spotsim-instance-role", null,
                Map.of("Name", "spotsim-" + index), null);
    }

    private static String hexByte(int value) {
        return zeroPadded(Integer.toHexString(value & 0xff), 2);
    }

    private static String zeroPadded(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The zone id AWS would show, e.g. use1-az1 for us-east-1a (real ids are shuffled per account). */
    public String availabilityZoneId() {
        String[] parts = region.split("-");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            id.append(directionCode(parts[i]));
        }
        id.append(parts[parts.length - 1]);
        char letter = availabilityZone.charAt(availabilityZone.length() - 1);
        return id + "-az" + (letter - 'a' + 1);
    }

    private static String directionCode(String word) {
        return switch (word) {
            case "east" -> "e";
            case "west" -> "w";
            case "north" -> "n";
            case "south" -> "s";
            case "central" -> "c";
            case "northeast" -> "ne";
            case "northwest" -> "nw";
            case "southeast" -> "se";
            case "southwest" -> "sw";
            default -> word.substring(0, 1);
        };
    }

    /** ip-10-0-0-4.ec2.internal in us-east-1, ip-10-0-0-4.eu-west-1.compute.internal elsewhere. */
    public String localHostname() {
        String host = "ip-" + privateIpv4.replace('.', '-');
        return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    /** The public DNS name, or null without a public address. */
    public String publicHostname() {
        if (publicIpv4 == null) {
            return null;
        }
        String host = "ec2-" + publicIpv4.replace('.', '-');
        return region.equals("us-east-1") ? host + ".compute-1.amazonaws.com" : host + "." + region + ".compute.amazonaws.com";
    }

    public boolean isSpot() {
        return lifecycle.equals("spot");
    }

    /** A copy that belongs to an Auto Scaling group. */
    public InstanceIdentity withAutoScalingGroup(String group) {
        return new InstanceIdentity(instanceId, instanceType, availabilityZone, region, lifecycle, amiId, accountId, privateIpv4,
                publicIpv4, mac, vpcId, subnetId, securityGroups, iamRole, group, tags, userData);
    }

    /** A copy with these tags instead (EC2 CreateTags/DeleteTags). */
    public InstanceIdentity withTags(Map<String, String> newTags) {
        return new InstanceIdentity(instanceId, instanceType, availabilityZone, region, lifecycle, amiId, accountId, privateIpv4,
                publicIpv4, mac, vpcId, subnetId, securityGroups, iamRole, autoScalingGroup, newTags, userData);
    }

    /** A copy with another instance id (used by replacements and by multi-instance serve). */
    public InstanceIdentity withInstanceId(String newId) {
        return new InstanceIdentity(newId, instanceType, availabilityZone, region, lifecycle, amiId, accountId, privateIpv4,
                publicIpv4, mac, vpcId, subnetId, securityGroups, iamRole, autoScalingGroup, tags, userData);
    }
}
