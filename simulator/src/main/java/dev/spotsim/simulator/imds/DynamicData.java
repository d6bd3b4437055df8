package dev.spotsim.simulator.imds;

import static dev.spotsim.simulator.imds.MetadataFormats.isoSeconds;

import dev.spotsim.simulator.imds.MetadataNode.Dir;
import dev.spotsim.simulator.imds.MetadataNode.Leaf;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code /<version>/dynamic/}: the instance identity document with its three signatures over the
 * document's exact bytes, and {@code fws/instance-monitoring}.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-dynamic-data-retrieval.html
 */
final class DynamicData {
    private DynamicData() {
    }

    static Dir dir(IdentitySigner signer) {
        Map<String, MetadataNode> identity = new TreeMap<>();
        identity.put("document", Leaf.of(DynamicData::documentText));
        identity.put("pkcs7", signed(signer::pkcs7));
        identity.put("rsa2048", signed(signer::rsa2048));
        identity.put("signature", signed(signer::signature));
        Map<String, MetadataNode> root = new TreeMap<>();
        root.put("instance-identity", Dir.of(identity));
        // Detailed CloudWatch monitoring is off unless asked for, as on a default launch.
        root.put("fws", Dir.of(Map.of("instance-monitoring", Leaf.of(v -> "disabled"))));
        return Dir.of(root);
    }

    private static Leaf signed(Function<String, String> signature) {
        return Leaf.of(v -> signature.apply(documentText(v)));
    }

    /** The document exactly as served; the signatures are made over these bytes. */
    static String documentText(InstanceView v) {
        return MetadataFormats.pretty(identityDocument(v));
    }

    /** https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-identity-documents.html */
    static Map<String, Object> identityDocument(InstanceView v) {
        InstanceIdentity id = v.identity();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("accountId", id.accountId());
        d.put("architecture", "x86_64");
        d.put("availabilityZone", id.availabilityZone());
        d.put("billingProducts", null);
        d.put("devpayProductCodes", null);
        d.put("marketplaceProductCodes", null);
        d.put("imageId", id.amiId());
        d.put("instanceId", id.instanceId());
        d.put("instanceType", id.instanceType());
        d.put("kernelId", null);
        d.put("pendingTime", isoSeconds(v.launchTime()));
        d.put("privateIp", id.privateIpv4());
        d.put("ramdiskId", null);
        d.put("region", id.region());
        d.put("version", "2017-09-30");
        return d;
    }
}
