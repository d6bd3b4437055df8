package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.query.XmlWriter;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How EC2 writes an instance in XML (the botocore model's {@code locationName}s: {@code instanceState}
 * with {@code code}/{@code name}, {@code dnsName}, {@code ipAddress}, {@code tagSet}/{@code item}...).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html
 */
final class InstanceXml {
    private InstanceXml() {
    }

    /** One reservation per instance: Auto Scaling launches its instances one by one. r- and the instance's 17 hex digits. */
    static String reservationId(InstanceView v) {
        return "r-" + v.instanceId().substring(2);
    }

    /** The tags EC2 shows: the instance's own plus Auto Scaling's {@code aws:autoscaling:groupName}. */
    static Map<String, String> tags(InstanceView v) {
        Map<String, String> tags = new LinkedHashMap<>(new java.util.TreeMap<>(v.identity().tags()));
        if (v.identity().autoScalingGroup() != null) {
            tags.put("aws:autoscaling:groupName", v.identity().autoScalingGroup());
        }
        return tags;
    }

    static String securityGroupId(String name) {
        UUID u = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        return "sg-" + String.format("%017x", u.getMostSignificantBits() & 0x0fffffffffffffffL).substring(0, 17);
    }

    static void state(XmlWriter x, String element, InstanceState s) {
        x.start(element).element("code", Ec2States.code(s)).element("name", Ec2States.name(s)).end();
    }

    static void reservation(XmlWriter x, InstanceView v) {
        InstanceIdentity id = v.identity();
        x.element("reservationId", reservationId(v)).element("ownerId", id.accountId());
        if (id.autoScalingGroup() != null) {
            x.element("requesterId", "940372691376"); // Auto Scaling launches on the account's behalf
        }
        x.start("groupSet").end();
        x.list("instancesSet", "item", java.util.List.of(v), InstanceXml::instance);
    }

    static void instance(XmlWriter x, InstanceView v) {
        InstanceIdentity id = v.identity();
        boolean up = v.state().isUp();
        x.element("instanceId", id.instanceId()).element("imageId", id.amiId());
        state(x, "instanceState", v.state());
        x.element("privateDnsName", v.state() == InstanceState.TERMINATED ? "" : id.localHostname())
                .element("dnsName", up && id.publicHostname() != null ? id.publicHostname() : "")
                .element("reason", Ec2States.transitionReason(v))
                .element("amiLaunchIndex", 0)
                .start("productCodes").end()
                .element("instanceType", id.instanceType())
                .timestamp("launchTime", v.launchTime())
                .start("placement").element("availabilityZone", id.availabilityZone()).element("groupName", "").element("tenancy", "default").end()
                .start("monitoring").element("state", "disabled").end();
        if (v.state() != InstanceState.TERMINATED) {
            x.element("subnetId", id.subnetId()).element("vpcId", id.vpcId()).element("privateIpAddress", id.privateIpv4());
            if (up) {
                x.element("ipAddress", id.publicIpv4());
            }
        }
        x.element("sourceDestCheck", true);
        x.list("groupSet", "item", id.securityGroups(), (w, g) -> w.element("groupId", securityGroupId(g)).element("groupName", g));
        if (Ec2States.reasonCode(v) != null) {
            x.start("stateReason").element("code", Ec2States.reasonCode(v)).element("message", Ec2States.reasonMessage(v)).end();
        }
        x.element("architecture", "x86_64").element("rootDeviceType", "ebs").element("rootDeviceName", "/dev/xvda")
                .start("blockDeviceMapping").end()
                .element("virtualizationType", "hvm");
        if (id.isSpot()) {
            x.element("instanceLifecycle", "spot").element("spotInstanceRequestId", SpotRequests.requestId(v));
        }
        x.list("tagSet", "item", tags(v).entrySet(), (w, t) -> w.element("key", t.getKey()).element("value", t.getValue()));
        x.element("hypervisor", "xen")
                .start("iamInstanceProfile").element("arn", "arn:aws:iam::" + id.accountId() + ":instance-profile/" + id.iamRole())
                .element("id", "AIPA" + securityGroupId(id.iamRole()).substring(3).toUpperCase()).end()
                .element("ebsOptimized", false).element("enaSupport", true);
        metadataOptions(x, v);
        x.element("platformDetails", "Linux/UNIX").element("usageOperation", "RunInstances");
    }

    private static void metadataOptions(XmlWriter x, InstanceView v) {
        x.start("metadataOptions").element("state", "applied")
                .element("httpTokens", v.options().tokensRequired() ? "required" : "optional")
                .element("httpPutResponseHopLimit", 2)
                .element("httpEndpoint", v.options().endpointEnabled() ? "enabled" : "disabled")
                .element("httpProtocolIpv6", "disabled")
                .element("instanceMetadataTags", v.options().instanceMetadataTags() ? "enabled" : "disabled")
                .end();
    }
}
