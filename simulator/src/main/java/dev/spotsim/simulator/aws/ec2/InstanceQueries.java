package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.query.Page;
import dev.spotsim.simulator.aws.query.ParamErrors;
import dev.spotsim.simulator.aws.query.QueryParams;
import dev.spotsim.simulator.aws.query.QueryResponses;
import dev.spotsim.simulator.aws.query.XmlWriter;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.util.List;
import java.util.function.Predicate;

/** DescribeInstances, DescribeInstanceStatus and DescribeSpotInstanceRequests over the fleet's instances. */
final class InstanceQueries {
    private final Ec2Instances instances;

    InstanceQueries(Ec2Instances instances) {
        this.instances = instances;
    }

    static Filters<InstanceView> instanceFilters() {
        return new Filters<InstanceView>()
                .one("instance-id", InstanceView::instanceId)
                .one("instance-state-name", v -> Ec2States.name(v.state()))
                .one("instance-state-code", v -> String.valueOf(Ec2States.code(v.state())))
                .one("instance-lifecycle", v -> v.identity().isSpot() ? "spot" : null)
                .one("availability-zone", v -> v.identity().availabilityZone())
                .one("instance-type", v -> v.identity().instanceType())
                .one("image-id", v -> v.identity().amiId())
                .one("private-ip-address", v -> v.identity().privateIpv4())
                .one("ip-address", v -> v.identity().publicIpv4())
                .one("subnet-id", v -> v.identity().subnetId())
                .one("vpc-id", v -> v.identity().vpcId())
                .one("reservation-id", InstanceXml::reservationId)
                .one("owner-id", v -> v.identity().accountId())
                .one("spot-instance-request-id", SpotRequests::requestId)
                .one("private-dns-name", v -> v.identity().localHostname())
                .tags(InstanceXml::tags);
    }

    /** MaxResults is 5..1000 and cannot be combined with instance ids; a missing MaxResults returns everything. */
    private static int pageSize(QueryParams p, List<String> ids) {
        Integer max = p.integer("MaxResults", 5, 1000);
        if (max != null && !ids.isEmpty()) {
            throw AwsException.badRequest("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        return max == null ? Integer.MAX_VALUE : max;
    }

    static AwsException badToken(String token) {
        return AwsException.badRequest("InvalidParameterValue", "Invalid value '" + token + "' for nextToken");
    }

    AwsResponse describeInstances(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        List<String> ids = p.list("InstanceId");
        Predicate<InstanceView> filter = instanceFilters().parse(p);
        int size = pageSize(p, ids);
        List<InstanceView> matching = instances.namedOrAll(request, ids).stream().filter(filter).toList();
        Page<InstanceView> page = Page.of(matching, p.string("NextToken"), size, badToken(p.string("NextToken")));
        return QueryResponses.ec2(request, Ec2Service.NAMESPACE, x -> {
            x.list("reservationSet", "item", page.items(), InstanceXml::reservation);
            x.element("nextToken", page.nextToken());
        });
    }

    AwsResponse describeInstanceStatus(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        List<String> ids = p.list("InstanceId");
        boolean all = Boolean.TRUE.equals(p.bool("IncludeAllInstances"));
        Predicate<InstanceView> filter = new Filters<InstanceView>()
                .one("availability-zone", v -> v.identity().availabilityZone())
                .one("instance-state-name", v -> Ec2States.name(v.state()))
                .one("instance-state-code", v -> String.valueOf(Ec2States.code(v.state())))
                .add("event.code", v -> v.maintenance().stream().map(MaintenanceEvent::code).toList())
                .one("instance-status.status", this::instanceStatus)
                .one("system-status.status", this::instanceStatus)
                .one("instance-status.reachability", this::reachability)
                .one("system-status.reachability", this::reachability)
                .parse(p);
        int size = pageSize(p, ids);
        List<InstanceView> matching = instances.namedOrAll(request, ids).stream()
                .filter(v -> all || v.state().isUp()).filter(filter).toList();
        Page<InstanceView> page = Page.of(matching, p.string("NextToken"), size, badToken(p.string("NextToken")));
        return QueryResponses.ec2(request, Ec2Service.NAMESPACE, x -> {
            x.list("instanceStatusSet", "item", page.items(), this::status);
            x.element("nextToken", page.nextToken());
        });
    }

    /** Status checks pass as soon as the instance runs: the group's launch delay already stands for the boot. */
    private String instanceStatus(InstanceView v) {
        return v.state().isUp() ? "ok" : "not-applicable";
    }

    private String reachability(InstanceView v) {
        return switch (instanceStatus(v)) {
            case "ok" -> "passed";
            default -> null;
        };
    }

    private void status(XmlWriter x, InstanceView v) {
        x.element("instanceId", v.instanceId()).element("availabilityZone", v.identity().availabilityZone());
        x.list("eventsSet", "item", v.maintenance(), (w, e) -> w.element("instanceEventId", e.eventId()).element("code", e.code())
                .element("description", e.description()).timestamp("notBefore", e.notBefore()).timestamp("notAfter", e.notAfter())
                .timestamp("notBeforeDeadline", e.notBeforeDeadline()));
        InstanceXml.state(x, "instanceState", v.state());
        summary(x, "systemStatus", v);
        summary(x, "instanceStatus", v);
    }

    private void summary(XmlWriter x, String element, InstanceView v) {
        String status = instanceStatus(v);
        x.start(element).element("status", status);
        if (reachability(v) != null) {
            x.start("details").start("item").element("name", "reachability").element("status", reachability(v)).end().end();
        }
        x.end();
    }

    AwsResponse describeSpotInstanceRequests(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        List<String> ids = p.list("SpotInstanceRequestId");
        Predicate<InstanceView> filter = new Filters<InstanceView>()
                .one("spot-instance-request-id", SpotRequests::requestId)
                .one("instance-id", InstanceView::instanceId)
                .one("state", v -> SpotRequests.status(v).state())
                .one("status-code", v -> SpotRequests.status(v).code())
                .one("launched-availability-zone", v -> v.identity().availabilityZone())
                .one("launch.instance-type", v -> v.identity().instanceType())
                .one("type", v -> SpotRequests.persistent(v) ? "persistent" : "one-time")
                .tags(v -> v.identity().tags())
                .parse(p);
        Integer max = p.integer("MaxResults", 5, 1000);
        List<InstanceView> spot = instances.visible(request).stream().filter(v -> v.identity().isSpot()).toList();
        for (String id : ids) {
            if (spot.stream().noneMatch(v -> id.equals(SpotRequests.requestId(v)))) {
                throw AwsException.badRequest("InvalidSpotInstanceRequestID.NotFound", "The spot instance request ID '" + id + "' does not exist");
            }
        }
        List<InstanceView> matching = spot.stream().filter(v -> ids.isEmpty() || ids.contains(SpotRequests.requestId(v))).filter(filter).toList();
        Page<InstanceView> page = Page.of(matching, p.string("NextToken"), max == null ? Integer.MAX_VALUE : max, badToken(p.string("NextToken")));
        return QueryResponses.ec2(request, Ec2Service.NAMESPACE, x -> {
            x.list("spotInstanceRequestSet", "item", page.items(), InstanceQueries::spotRequest);
            x.element("nextToken", page.nextToken());
        });
    }

    private static void spotRequest(XmlWriter x, InstanceView v) {
        SpotRequests.Status s = SpotRequests.status(v);
        x.element("spotInstanceRequestId", SpotRequests.requestId(v)).element("spotPrice", "0.100000")
                .element("type", SpotRequests.persistent(v) ? "persistent" : "one-time").element("state", s.state())
                .start("status").element("code", s.code()).timestamp("updateTime", s.updateTime()).element("message", s.message()).end()
                .start("launchSpecification").element("imageId", v.identity().amiId()).element("instanceType", v.identity().instanceType())
                .start("placement").element("availabilityZone", v.identity().availabilityZone()).end()
                .start("monitoring").element("enabled", false).end().end()
                .element("instanceId", v.instanceId())
                .timestamp("createTime", v.launchTime())
                .element("productDescription", "Linux/UNIX")
                .list("tagSet", "item", new java.util.TreeMap<>(v.identity().tags()).entrySet(),
                        (w, t) -> w.element("key", t.getKey()).element("value", t.getValue()))
                .element("launchedAvailabilityZone", v.identity().availabilityZone())
                .element("instanceInterruptionBehavior", SpotRequests.interruptionBehavior(v));
    }
}
