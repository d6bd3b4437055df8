package dev.spotsim.simulator.imds;

import static dev.spotsim.simulator.imds.MetadataFormats.isoSeconds;

import dev.spotsim.simulator.imds.MetadataNode.Dir;
import dev.spotsim.simulator.imds.MetadataNode.Leaf;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The IMDS path space for one instance: {@code /<version>/meta-data/...}, {@code dynamic/...},
 * {@code user-data}. Entries that do not exist right now (no notice yet, no tags allowed) answer 404
 * and are left out of listings, as on EC2.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-categories.html
 */
final class MetadataTree {
    /** Versions IMDS accepts in place of "latest"; all serve the same data here. */
    static final List<String> VERSIONS = List.of("1.0", "2007-01-19", "2007-03-01", "2007-08-29", "2007-10-10",
            "2007-12-15", "2008-02-01", "2008-09-01", "2009-04-04", "2011-01-01", "2011-05-01", "2012-01-12",
            "2014-02-25", "2014-11-05", "2015-10-20", "2016-04-19", "2016-06-30", "2016-09-02", "2018-03-28",
            "2018-08-17", "2018-09-24", "2019-10-01", "2020-10-27", "2021-01-03", "2021-03-23", "2021-07-15",
            "2022-09-24", "2023-07-27", "latest");

    private static final MetadataValue VERSION_LIST = MetadataValue.text(String.join("\n", VERSIONS));
    private final Dir versionRoot;

    MetadataTree(IdentitySigner signer) {
        Map<String, MetadataNode> root = new TreeMap<>();
        root.put("meta-data", metaData());
        root.put("dynamic", DynamicData.dir(signer));
        root.put("user-data", new MetadataNode.Bytes(v -> v.identity().userData() == null ? null : v.identity().userData().bytes()));
        this.versionRoot = Dir.of(root);
    }

    /** What the normalised path shows for the instance now: a value, a listing, or null for 404. */
    MetadataValue resolve(String path, InstanceView view, Instant now) {
        if (path.equals("/") || path.isEmpty()) {
            return VERSION_LIST;
        }
        String[] segments = path.substring(1).split("/", -1);
        if (!VERSIONS.contains(segments[0])) {
            return null;
        }
        MetadataNode node = versionRoot;
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                // Only the last segment can be empty once runs of slashes are collapsed: "a/b/" lists "a/b".
                break;
            }
            if (!(node instanceof Dir dir)) {
                return null;
            }
            node = dir.children().apply(view).get(segment);
            if (node == null) {
                return null;
            }
        }
        if (node instanceof Leaf leaf) {
            String text = leaf.value().apply(view, now);
            return text == null ? null : MetadataValue.text(text);
        }
        if (node instanceof MetadataNode.Bytes bytes) {
            byte[] data = bytes.value().apply(view);
            return data == null ? null : MetadataValue.binary(data);
        }
        String lines = listing((Dir) node, view, now);
        return lines == null ? null : MetadataValue.text(lines);
    }

    private static String listing(Dir dir, InstanceView view, Instant now) {
        String lines = dir.children().apply(view).entrySet().stream()
                .filter(e -> isPresent(e.getValue(), view, now))
                .map(e -> e.getValue() instanceof Dir ? e.getKey() + "/" : e.getKey())
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? null : lines;
    }

    private static boolean isPresent(MetadataNode node, InstanceView view, Instant now) {
        if (node instanceof Leaf leaf) {
            return leaf.value().apply(view, now) != null;
        }
        if (node instanceof MetadataNode.Bytes bytes) {
            return bytes.value().apply(view) != null;
        }
        return ((Dir) node).children().apply(view).values().stream().anyMatch(child -> isPresent(child, view, now));
    }

    private static Dir metaData() {
        Map<String, MetadataNode> m = new TreeMap<>();
        m.put("ami-id", Leaf.of(v -> v.identity().amiId()));
        m.put("ami-launch-index", Leaf.of(v -> "0"));
        m.put("ami-manifest-path", Leaf.of(v -> "(unknown)"));
        m.put("autoscaling", Dir.of(Map.of("target-lifecycle-state", Leaf.of(InstanceView::targetLifecycleState))));
        m.put("block-device-mapping", Dir.of(new TreeMap<>(Map.of("ami", Leaf.of(v -> "/dev/xvda"), "root", Leaf.of(v -> "/dev/xvda")))));
        m.put("events", events());
        m.put("hostname", Leaf.of(v -> v.identity().localHostname()));
        m.put("iam", iam());
        m.put("identity-credentials", identityCredentials());
        m.put("instance-action", Leaf.of(v -> "none"));
        m.put("instance-id", Leaf.of(InstanceView::instanceId));
        m.put("instance-life-cycle", Leaf.of(v -> v.identity().lifecycle()));
        m.put("instance-type", Leaf.of(v -> v.identity().instanceType()));
        m.put("local-hostname", Leaf.of(v -> v.identity().localHostname()));
        m.put("local-ipv4", Leaf.of(v -> v.identity().privateIpv4()));
        m.put("mac", Leaf.of(v -> v.identity().mac()));
        m.put("network", Dir.of(Map.of("interfaces", Dir.of(Map.of("macs",
                new Dir(v -> Map.of(v.identity().mac(), networkInterface())))))));
        Map<String, MetadataNode> placement = new TreeMap<>();
        placement.put("availability-zone", Leaf.of(v -> v.identity().availabilityZone()));
        placement.put("availability-zone-id", Leaf.of(v -> v.identity().availabilityZoneId()));
        placement.put("region", Leaf.of(v -> v.identity().region()));
        m.put("placement", Dir.of(placement));
        m.put("profile", Leaf.of(v -> "default-hvm"));
        m.put("public-hostname", Leaf.of(v -> v.identity().publicHostname()));
        m.put("public-ipv4", Leaf.of(v -> v.identity().publicIpv4()));
        m.put("reservation-id", Leaf.of(v -> "r-" + v.instanceId().substring(2)));
        m.put("security-groups", Leaf.of(v -> String.join("\n", v.identity().securityGroups())));
        m.put("services", Dir.of(new TreeMap<>(Map.of("domain", Leaf.of(v -> "amazonaws.com"), "partition", Leaf.of(v -> "aws")))));
        m.put("spot", spot());
        m.put("tags", Dir.of(Map.of("instance", new Dir(MetadataTree::tags))));
        return Dir.of(m);
    }

    /** https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html */
    private static Dir spot() {
        Map<String, MetadataNode> m = new TreeMap<>();
        m.put("instance-action", Leaf.of(v -> v.noticed()
                ? "{\"action\": \"" + v.interruption().action().wireName() + "\", \"time\": \"" + isoSeconds(v.interruption().actionTime()) + "\"}"
                : null));
        // termination-time exists only for terminate, and holds the same instant as instance-action.
        m.put("termination-time", Leaf.of(v -> v.noticed() && v.interruption().action() == InterruptionAction.TERMINATE
                ? isoSeconds(v.interruption().actionTime()) : null));
        return Dir.of(m);
    }

    /** https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/rebalance-recommendations.html */
    private static Dir events() {
        Map<String, MetadataNode> maintenance = new TreeMap<>();
        maintenance.put("history", Leaf.of(v -> MetadataFormats.maintenance(v.maintenanceHistory())));
        maintenance.put("scheduled", Leaf.of(v -> MetadataFormats.maintenance(v.maintenance())));
        Map<String, MetadataNode> m = new TreeMap<>();
        m.put("maintenance", Dir.of(maintenance));
        m.put("recommendations", Dir.of(Map.of("rebalance", Leaf.of(v -> v.rebalanceTime() == null ? null
                : "{\"noticeTime\": \"" + isoSeconds(v.rebalanceTime()) + "\"}"))));
        return Dir.of(m);
    }

    private static Dir iam() {
        Map<String, MetadataNode> m = new TreeMap<>();
        m.put("info", new Leaf((v, now) -> MetadataFormats.pretty(InstanceCredentials.info(v.identity(), v.launchTime()))));
        m.put("security-credentials", new Dir(v -> Map.of(v.identity().iamRole(),
                new Leaf((view, now) -> MetadataFormats.pretty(InstanceCredentials.document(view.identity(), now))))));
        return Dir.of(m);
    }

    /**
     * Credentials EC2 itself uses for the instance (SSM default host management, EC2 Instance Connect),
     * apart from any role. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-categories.html
     */
    private static Dir identityCredentials() {
        Map<String, MetadataNode> ec2 = new TreeMap<>();
        ec2.put("info", new Leaf((v, now) -> MetadataFormats.pretty(InstanceCredentials.identityInfo(v.identity(), v.launchTime()))));
        ec2.put("security-credentials", Dir.of(Map.of(InstanceCredentials.IDENTITY_ROLE,
                new Leaf((v, now) -> MetadataFormats.pretty(InstanceCredentials.identityDocument(v.identity(), now))))));
        return Dir.of(Map.of("ec2", Dir.of(ec2)));
    }

    private static Map<String, MetadataNode> tags(InstanceView v) {
        if (!v.options().instanceMetadataTags()) {
            return Map.of();
        }
        Map<String, MetadataNode> m = new TreeMap<>();
        v.identity().tags().forEach((key, value) -> m.put(key, Leaf.of(view -> value)));
        return m;
    }

    private static Dir networkInterface() {
        Map<String, MetadataNode> m = new TreeMap<>();
        m.put("device-number", Leaf.of(v -> "0"));
        m.put("interface-id", Leaf.of(v -> "eni-" + v.instanceId().substring(2)));
        m.put("local-hostname", Leaf.of(v -> v.identity().localHostname()));
        m.put("local-ipv4s", Leaf.of(v -> v.identity().privateIpv4()));
        m.put("mac", Leaf.of(v -> v.identity().mac()));
        m.put("network-card-index", Leaf.of(v -> "0"));
        // ipv4-associations/<public-ip> holds the private address behind it; there only with a public IPv4.
        m.put("ipv4-associations", new Dir(v -> v.identity().publicIpv4() == null ? Map.of()
                : Map.of(v.identity().publicIpv4(), Leaf.of(view -> view.identity().privateIpv4()))));
        m.put("owner-id", Leaf.of(v -> v.identity().accountId()));
        m.put("public-hostname", Leaf.of(v -> v.identity().publicHostname()));
        m.put("public-ipv4s", Leaf.of(v -> v.identity().publicIpv4()));
        m.put("security-group-ids", Leaf.of(v -> v.identity().securityGroups().stream()
                .map(g -> "sg-" + Integer.toHexString(g.hashCode() & 0x7fffffff)).collect(Collectors.joining("\n"))));
        m.put("security-groups", Leaf.of(v -> String.join("\n", v.identity().securityGroups())));
        m.put("subnet-id", Leaf.of(v -> v.identity().subnetId()));
        m.put("subnet-ipv4-cidr-block", Leaf.of(v -> "10.0.0.0/20"));
        m.put("vpc-id", Leaf.of(v -> v.identity().vpcId()));
        m.put("vpc-ipv4-cidr-block", Leaf.of(v -> "10.0.0.0/16"));
        m.put("vpc-ipv4-cidr-blocks", Leaf.of(v -> "10.0.0.0/16"));
        return Dir.of(m);
    }
}
