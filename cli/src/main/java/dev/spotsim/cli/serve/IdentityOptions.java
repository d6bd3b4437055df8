package dev.spotsim.cli.serve;

import static dev.spotsim.cli.serve.Precedence.first;

import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.UserData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Who the served instances are: the identity flags of {@code spotsim serve}, over the config file's
 * {@code instances} or {@code count}, over generated identities.
 */
public final class IdentityOptions {
    static final int MAX_INSTANCES = 10_000;

    @Option(names = "--instances", paramLabel = "N", description = "Serve N generated instances on consecutive ports from --port (default 1).")
    Integer count;

    @Option(names = "--instance-id", paramLabel = "ID", description = "The instance id, e.g. i-0123456789abcdef0 (one instance only).")
    String instanceId;

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Instance type (default c5.large).")
    String instanceType;

    @Option(names = "--az", paramLabel = "ZONE", description = "Availability zone (default us-east-1a; with --region or AWS_REGION set, zone a of that region).")
    String availabilityZone;

    @Option(names = "--region", paramLabel = "REGION", description = "Region; must contain the zone (default: the zone's; AWS_REGION must match it).")
    String region;

    @Option(names = "--lifecycle", paramLabel = "spot|on-demand", description = "instance-life-cycle (default spot).")
    String lifecycle;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "An instance tag (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--user-data", paramLabel = "TEXT|@FILE", description = "User data, or @path to read it from a file (any bytes, e.g. gzip; at most 16 KB).")
    String userData;

    /** True when the flags say which instances to serve, which then wins over a config file's fleet. */
    boolean namesInstances() {
        return count != null || instanceId != null;
    }

    /** The identities to serve, one per IMDS port; throws with what to fix when they do not add up. */
    List<InstanceIdentity> identities(ServeConfig file, Map<String, String> env) {
        List<ServeConfig.Instance> described = count != null ? List.of() : file.instances();
        int n = first(count, described.isEmpty() ? null : described.size(), file.count(), 1);
        if (n < 1 || n > MAX_INSTANCES) {
            throw new IllegalArgumentException("--instances: expected 1.." + MAX_INSTANCES + ", got " + n);
        }
        if (instanceId != null && n > 1) {
            throw new IllegalArgumentException("--instance-id names one instance, but " + n
                    + " would be served (--instances, or the config file's instances or count)");
        }
        UserData data = userData();
        List<InstanceIdentity> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(identity(i, i < described.size() ? described.get(i) : ServeConfig.Instance.GENERATED, data, env));
        }
        return out;
    }

    private InstanceIdentity identity(int index, ServeConfig.Instance file, UserData data, Map<String, String> env) {
        String zone = zone(file.availabilityZone(), env);
        InstanceIdentity g = InstanceIdentity.generated(index, first(instanceType, file.instanceType(), "c5.large"), zone,
                first(lifecycle, file.lifecycle(), "spot"));
        Map<String, String> allTags = new LinkedHashMap<>(g.tags());
        if (file.tags() != null) {
            allTags.putAll(file.tags());
        }
        allTags.putAll(tags);
        return new InstanceIdentity(first(instanceId, file.instanceId(), g.instanceId()), g.instanceType(), zone,
                first(region, g.region()), g.lifecycle(), first(file.amiId(), g.amiId()), g.accountId(), g.privateIpv4(),
                g.publicIpv4(), g.mac(), g.vpcId(), g.subnetId(), g.securityGroups(), g.iamRole(), g.autoScalingGroup(),
                allTags, first(data, file.userDataBytes()));
    }

    /**
     * The zone: --az, else the file's, else zone "a" of --region or AWS_REGION, else us-east-1a. AWS_REGION
     * is what the user's SDK will use, so a zone elsewhere is refused rather than silently disagreeing.
     */
    private String zone(String fileZone, Map<String, String> env) {
        String envRegion = Precedence.env(env, "AWS_REGION");
        String zone = first(availabilityZone, fileZone);
        if (zone == null) {
            String home = first(region, envRegion);
            return home == null ? "us-east-1a" : home + "a";
        }
        if (zone.isBlank()) {
            throw new IllegalArgumentException("--az: expected a zone like us-east-1a, got \"" + zone + "\"");
        }
        String zoneRegion = zone.substring(0, zone.length() - 1);
        if (region == null && envRegion != null && !zoneRegion.equals(envRegion)) {
            throw new IllegalArgumentException("AWS_REGION is " + envRegion + " but the availability zone " + zone + " is in "
                    + zoneRegion + "; choose an --az in " + envRegion + ", or set --region, or unset AWS_REGION");
        }
        return zone;
    }

    private UserData userData() {
        if (userData == null || !userData.startsWith("@")) {
            return UserData.of(userData);
        }
        return readUserData("--user-data", Path.of(userData.substring(1)));
    }

    /** Reads user data as bytes: binary files (gzip, MIME multi-part archives) are as welcome as scripts. */
    static UserData readUserData(String field, Path file) {
        try {
            return new UserData(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(field + ": cannot read " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + file + ": " + e.getMessage().replaceFirst("^userData: ", ""));
        }
    }
}
