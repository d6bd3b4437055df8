package dev.spotsim.simulator.aws.elb;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.Paging;
import dev.spotsim.simulator.balancer.HealthCheckSettings;
import dev.spotsim.simulator.balancer.LoadBalancer;
import dev.spotsim.simulator.balancer.TargetHealthDescription;
import dev.spotsim.simulator.platform.Platform;
import dev.spotsim.simulator.platform.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The ELBv2 reads a game day needs to watch targets drain (query protocol, API version
 * 2015-12-01): DescribeLoadBalancers, DescribeTargetGroups and DescribeTargetHealth of the local
 * balancer in front of the running workload. Targets are the tasks' instances and ports
 * (target type instance); without a workload there are no load balancers or target groups.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
 */
public final class ElbService implements AwsService {
    private final AwsContext context;

    public ElbService(AwsContext context) {
        this.context = context;
    }

    @Override
    public String signingName() {
        return "elasticloadbalancing";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.QUERY;
    }

    @Override
    public String apiVersion() {
        return "2015-12-01";
    }

    @Override
    public String xmlNamespace() {
        return ElbXml.NAMESPACE;
    }

    /** The balancer and names of the running workload in a region. */
    private record Balancer(Platform platform, LoadBalancer lb, String name, String lbArn, String tgArn) {
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        Balancer b = balancer(request.region());
        return switch (request.operation()) {
            case "DescribeLoadBalancers" -> done(request, describeLoadBalancers(request, b));
            case "DescribeTargetGroups" -> done(request, describeTargetGroups(request, b));
            case "DescribeTargetHealth" -> describeTargetHealth(request, b);
            default -> throw new AwsException(400, "InvalidAction", "spotsim's Elastic Load Balancing serves DescribeLoadBalancers, "
                    + "DescribeTargetGroups and DescribeTargetHealth, not " + request.operation() + ".");
        };
    }

    private static CompletableFuture<AwsResponse> done(AwsRequest request, ElbXml xml) {
        return CompletableFuture.completedFuture(AwsResponse.xml(xml.response(request.operation(), request.requestId())));
    }

    private Balancer balancer(String region) {
        Platform p = context.platform().get();
        if (p == null || p.balancer() == null || !region.equals(context.region())) {
            return null;
        }
        String name = p.cluster();
        return new Balancer(p, p.balancer(), name, arn(region, context.accountId(), "loadbalancer/app/", name), targetGroupArn(region,
                context.accountId(), name));
    }

    /** The ARN of the target group the simulator's balancer in front of workload {@code name} (its cluster) shows. */
    public static String targetGroupArn(String region, String accountId, String name) {
        return arn(region, accountId, "targetgroup/", name);
    }

    private static String arn(String region, String accountId, String kind, String name) {
        String id = HexFormat.of().formatHex(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().getBytes(
                StandardCharsets.UTF_8)).substring(0, 16);
        return "arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":" + kind + name + "/" + id;
    }

    /** {@code Prefix.member.N} values in order. */
    private static List<String> members(AwsRequest request, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; request.param(prefix + ".member." + i) != null; i++) {
            out.add(request.param(prefix + ".member." + i));
        }
        return out;
    }

    private static int pageSize(AwsRequest request) {
        String s = request.param("PageSize");
        try {
            int n = s == null ? 400 : Integer.parseInt(s);
            if (n >= 1 && n <= 400) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + s + "' at 'pageSize' failed to satisfy "
                + "constraint: Member must have value between 1 and 400");
    }

    /** The page of (zero or one) items that PageSize and Marker ask for; with one item there is never a NextMarker. */
    private static List<Balancer> page(AwsRequest request, List<Balancer> items) {
        try {
            return Paging.page(items, Balancer::name, request.param("Marker"), pageSize(request)).items();
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "ValidationError", "Invalid Marker.");
        }
    }

    private ElbXml describeLoadBalancers(AwsRequest request, Balancer b) {
        List<String> arns = members(request, "LoadBalancerArns");
        List<String> names = members(request, "Names");
        boolean matches = b != null && (arns.isEmpty() || arns.contains(b.lbArn())) && (names.isEmpty() || names.contains(b.name()));
        if (!matches && (!arns.isEmpty() || !names.isEmpty())) {
            throw new AwsException(400, "LoadBalancerNotFound", "One or more load balancers not found");
        }
        ElbXml xml = new ElbXml().open("LoadBalancers");
        for (Balancer x : page(request, matches ? List.of(b) : List.of())) {
            String az = context.fleet().instances().isEmpty() ? context.region() + "a"
                    : context.fleet().instances().get(0).identity().availabilityZone();
            xml.open("member").text("LoadBalancerArn", x.lbArn()).text("DNSName", "127.0.0.1:" + x.lb().port())
                    .text("CanonicalHostedZoneId", "Z35SXDOTRQ7X7K").text("LoadBalancerName", x.name()).text("Scheme", "internal")
                    .text("VpcId", "vpc-0a1b2c3d4e5f60718").open("State").text("Code", "active").close("State").text("Type", "application")
                    .open("AvailabilityZones").open("member").text("ZoneName", az).close("member").close("AvailabilityZones")
                    .text("IpAddressType", "ipv4").close("member");
        }
        return xml.close("LoadBalancers");
    }

    private ElbXml describeTargetGroups(AwsRequest request, Balancer b) {
        List<String> arns = members(request, "TargetGroupArns");
        List<String> names = members(request, "Names");
        String lbArn = request.param("LoadBalancerArn");
        if (lbArn != null && (b == null || !lbArn.equals(b.lbArn()))) {
            throw new AwsException(400, "LoadBalancerNotFound", "One or more load balancers not found");
        }
        boolean matches = b != null && (arns.isEmpty() || arns.contains(b.tgArn())) && (names.isEmpty() || names.contains(b.name()));
        if (!matches && (!arns.isEmpty() || !names.isEmpty())) {
            throw new AwsException(400, "TargetGroupNotFound", "One or more target groups not found");
        }
        ElbXml xml = new ElbXml().open("TargetGroups");
        for (Balancer x : page(request, matches ? List.of(b) : List.of())) {
            HealthCheckSettings hc = x.lb().settings().healthCheck();
            xml.open("member").text("TargetGroupArn", x.tgArn()).text("TargetGroupName", x.name()).text("Protocol", "HTTP")
                    .text("Port", 80).text("VpcId", "vpc-0a1b2c3d4e5f60718").text("HealthCheckProtocol", "HTTP")
                    .text("HealthCheckPort", "traffic-port").text("HealthCheckEnabled", true)
                    .text("HealthCheckIntervalSeconds", Math.max(1, hc.interval().toSeconds()))
                    .text("HealthCheckTimeoutSeconds", Math.max(1, hc.timeout().toSeconds()))
                    .text("HealthyThresholdCount", hc.healthyThreshold()).text("UnhealthyThresholdCount", hc.unhealthyThreshold())
                    .text("HealthCheckPath", hc.path()).open("Matcher").text("HttpCode", hc.successCodes()).close("Matcher")
                    .open("LoadBalancerArns").text("member", x.lbArn()).close("LoadBalancerArns").text("TargetType", "instance")
                    .text("ProtocolVersion", "HTTP1").text("IpAddressType", "ipv4").close("member");
        }
        return xml.close("TargetGroups");
    }

    /** What the caller asked about: an instance and, optionally, a port. */
    private record Asked(String id, Integer port) {
    }

    private CompletableFuture<AwsResponse> describeTargetHealth(AwsRequest request, Balancer b) {
        String tg = request.param("TargetGroupArn");
        if (tg == null) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (b == null || !tg.equals(b.tgArn())) {
            throw new AwsException(400, "TargetGroupNotFound", "Target groups '" + tg + "' not found");
        }
        List<Asked> asked = new ArrayList<>();
        for (int i = 1; request.param("Targets.member." + i + ".Id") != null; i++) {
            String port = request.param("Targets.member." + i + ".Port");
            String id = request.param("Targets.member." + i + ".Id");
            if (context.fleet().instances().stream().noneMatch(v -> v.instanceId().equals(id))) {
                throw new AwsException(400, "InvalidTarget", "The following targets are not valid instances: '" + id + "'");
            }
            asked.add(new Asked(id, port == null ? null : Integer.valueOf(port)));
        }
        Map<String, String> instanceOfTask = new java.util.HashMap<>();
        b.platform().tasks().forEach((TaskRecord t) -> instanceOfTask.put(t.taskId(), t.instanceId()));
        return b.lb().describeTargetHealth().toCompletionStage().toCompletableFuture().thenApply(targets -> {
            ElbXml xml = new ElbXml().open("TargetHealthDescriptions");
            if (asked.isEmpty()) {
                targets.forEach(t -> target(xml, instanceOfTask.getOrDefault(t.targetId(), t.targetId()), t.port(), t));
            } else {
                for (Asked a : asked) {
                    List<TargetHealthDescription> there = targets.stream().filter(t -> a.id().equals(instanceOfTask.get(t.targetId()))
                            && (a.port() == null || a.port() == t.port())).toList();
                    if (there.isEmpty()) {
                        target(xml, a.id(), a.port() == null ? 80 : a.port(), null);
                    }
                    there.forEach(t -> target(xml, a.id(), t.port(), t));
                }
            }
            return AwsResponse.xml(xml.close("TargetHealthDescriptions").response(request.operation(), request.requestId()));
        });
    }

    /** One description; {@code t} null is a target that is not registered (unused, Target.NotRegistered). */
    private static void target(ElbXml xml, String instanceId, int port, TargetHealthDescription t) {
        String state = t == null ? "unused" : t.state().wireName();
        String reason = t == null ? "Target.NotRegistered" : t.reason();
        xml.open("member").text("HealthCheckPort", "traffic-port").open("TargetHealth").text("State", state);
        if (reason != null) {
            xml.text("Reason", reason).text("Description", description(reason));
        }
        xml.close("TargetHealth").open("Target").text("Port", port).text("Id", instanceId).close("Target").close("member");
    }

    /** ALB's descriptions of its reason codes. https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html */
    private static String description(String reason) {
        return switch (reason) {
            case "Elb.RegistrationInProgress" -> "Target registration is in progress";
            case "Elb.InitialHealthChecking" -> "Initial health checks in progress";
            case "Target.ResponseCodeMismatch" -> "Health checks failed with an unexpected response code";
            case "Target.Timeout" -> "Request timed out";
            case "Target.FailedHealthChecks" -> "Health checks failed";
            case "Target.NotRegistered" -> "Target is not registered to the target group";
            case "Target.DeregistrationInProgress" -> "Target deregistration is in progress";
            default -> reason;
        };
    }
}
