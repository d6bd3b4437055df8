package dev.spotsim.simulator.aws.autoscaling;

import dev.spotsim.simulator.aws.query.XmlWriter;
import dev.spotsim.simulator.events.AutoScalingEvents;
import dev.spotsim.simulator.fleet.AutoScalingGroup;
import dev.spotsim.simulator.fleet.LifecycleHook;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How Auto Scaling writes groups, their instances, hooks and activities (query protocol: lists as
 * {@code <Name><member>..</member></Name>}, members named as in the botocore model).
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_AutoScalingGroup.html
 */
final class GroupXml {
    private GroupXml() {
    }

    static String launchTemplateId(String group) {
        UUID u = UUID.nameUUIDFromBytes(("lt/" + group).getBytes(StandardCharsets.UTF_8));
        return "lt-" + String.format("%016x", u.getMostSignificantBits()).substring(0, 16) + "0";
    }

    private static void launchTemplate(XmlWriter x, String element, String group) {
        x.start(element).element("LaunchTemplateId", launchTemplateId(group)).element("LaunchTemplateName", "spotsim-" + group)
                .element("Version", "$Default").end();
    }

    /** Healthy while it runs or boots; EC2 health checks find a stopped instance unhealthy. */
    static String healthStatus(InstanceView v) {
        return v.state() == InstanceState.STOPPING || v.state() == InstanceState.STOPPED ? "Unhealthy" : "Healthy";
    }

    static void group(XmlWriter x, AutoScalingGroup g, List<InstanceView> instances, String region, String account, Instant created) {
        List<SpotPool> pools = g.spec().pools();
        x.element("AutoScalingGroupName", g.name())
                .element("AutoScalingGroupARN", AutoScalingEvents.groupArn(region, account, g.name()))
                .start("MixedInstancesPolicy").start("LaunchTemplate");
        launchTemplate(x, "LaunchTemplateSpecification", g.name());
        x.list("Overrides", "member", pools.stream().map(SpotPool::instanceType).distinct().toList(), (w, t) -> w.element("InstanceType", t))
                .end()
                .start("InstancesDistribution").element("OnDemandAllocationStrategy", "prioritized").element("OnDemandBaseCapacity", 0)
                .element("OnDemandPercentageAboveBaseCapacity", 0).element("SpotAllocationStrategy", g.spec().strategy().wireName()).end()
                .end()
                .element("MinSize", g.minSize()).element("MaxSize", g.maxSize()).element("DesiredCapacity", g.desired())
                .element("DefaultCooldown", 300)
                .values("AvailabilityZones", "member", pools.stream().map(SpotPool::availabilityZone).distinct().sorted().toList())
                .start("LoadBalancerNames").end().start("TargetGroupARNs").end()
                .element("HealthCheckType", "EC2").element("HealthCheckGracePeriod", 300)
                .list("Instances", "member", instances, (w, v) -> instance(w, g, v, false))
                .timestamp("CreatedTime", created)
                .start("SuspendedProcesses").end()
                .element("VPCZoneIdentifier", instances.isEmpty() ? null : instances.get(0).identity().subnetId())
                .start("EnabledMetrics").end()
                .start("Tags").end()
                .values("TerminationPolicies", "member", List.of("Default"))
                .element("NewInstancesProtectedFromScaleIn", false)
                .element("ServiceLinkedRoleARN", "arn:aws:iam::" + account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
                .element("CapacityRebalance", g.capacityRebalance())
                .start("TrafficSources").end();
    }

    /** An instance in a group; {@code withGroup} for DescribeAutoScalingInstances, which names the group. */
    static void instance(XmlWriter x, AutoScalingGroup g, InstanceView v, boolean withGroup) {
        x.element("InstanceId", v.instanceId()).element("InstanceType", v.identity().instanceType());
        if (withGroup) {
            x.element("AutoScalingGroupName", g.name());
        }
        x.element("AvailabilityZone", v.identity().availabilityZone()).element("LifecycleState", g.lifecycleState(v))
                .element("HealthStatus", healthStatus(v));
        launchTemplate(x, "LaunchTemplate", g.name());
        x.element("ProtectedFromScaleIn", false);
    }

    static void hook(XmlWriter x, String group, LifecycleHook h) {
        x.element("LifecycleHookName", h.name()).element("AutoScalingGroupName", group)
                .element("LifecycleTransition", h.transition().wireName())
                .element("NotificationTargetARN", h.notificationTargetArn()).element("RoleARN", h.roleArn())
                .element("NotificationMetadata", h.notificationMetadata())
                .element("HeartbeatTimeout", h.heartbeatTimeout().toSeconds()).element("GlobalTimeout", h.globalTimeout().toSeconds())
                .element("DefaultResult", h.defaultResult().name());
    }

    static void activity(XmlWriter x, ActivityLog log, ActivityLog.Activity a, String region, String account) {
        String status = log.statusCode(a);
        x.element("ActivityId", a.activityId).element("AutoScalingGroupName", a.groupName)
                .element("Description", a.description()).element("Cause", a.cause)
                .timestamp("StartTime", a.start).timestamp("EndTime", a.end).element("StatusCode", status)
                .element("Progress", status.equals("Successful") ? 100 : 30).element("Details", a.details())
                .element("AutoScalingGroupARN", AutoScalingEvents.groupArn(region, account, a.groupName));
    }
}
