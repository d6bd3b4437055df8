package dev.spotsim.gameday.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reads drain is measured from, on their wire protocols: ECS (AWS JSON 1.1, X-Amz-Target
 * AmazonEC2ContainerServiceV20141113.*), ELBv2 (query, Version 2015-12-01) and Auto Scaling (query,
 * Version 2011-01-01). One task per Spot instance of the group, behind one target group by IP. On an
 * instance's notice (2 minutes before FIS interrupts it) ECS drains it: the target is draining after 2 s
 * and gone {@link #deregistrationDelay} later; then the task is sent SIGTERM and exits 0 after
 * {@link #exitAfter}, or, when it ignores SIGTERM ({@link #ignoresSigterm}), is killed at the 30 s stop timeout (exit 137).
 */
public final class FakeDrain {
    public static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
    public static final String CLUSTER = "web";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:";

    private final Supplier<Instant> clock;
    private final Supplier<Map<String, Instant>> actions;
    private final Map<String, String> ipOf = new LinkedHashMap<>();
    public volatile Duration deregistrationDelay = Duration.ofSeconds(10);
    public volatile Duration exitAfter = Duration.ofSeconds(3);
    public volatile boolean ignoresSigterm;
    /** Targets registered by instance id (an Auto Scaling group attached to the target group) instead of by task IP (awsvpc). */
    public volatile boolean targetsByInstance;

    FakeDrain(Supplier<Instant> clock, Supplier<Map<String, Instant>> actions) {
        this.clock = clock;
        this.actions = actions;
    }

    /** Runs one task on {@code instanceId}. */
    public synchronized void task(String instanceId) {
        ipOf.put(instanceId, "10.0.1." + (ipOf.size() + 10));
    }

    private Instant notice(String id) {
        Instant action = actions.get().get(id);
        return action == null ? null : action.minus(Duration.ofMinutes(2));
    }

    private Instant deregistered(String id) {
        Instant n = notice(id);
        return n == null ? null : n.plusSeconds(2);
    }

    private Instant stopping(String id) {
        Instant d = deregistered(id);
        return d == null ? null : d.plus(deregistrationDelay);
    }

    private Instant stopped(String id) {
        Instant s = stopping(id);
        return s == null ? null : s.plus(ignoresSigterm ? Duration.ofSeconds(30) : exitAfter);
    }

    synchronized ResponseDefinition handle(Request request) {
        String target = request.getHeader("X-Amz-Target");
        if (target != null && target.startsWith("AmazonEC2ContainerServiceV20141113.")) {
            return ecs(target.substring(target.indexOf('.') + 1), read(request.getBodyAsString()));
        }
        Map<String, String> form = Wire.form(request.getBodyAsString());
        if ("2015-12-01".equals(form.get("Version")) && "DescribeTargetHealth".equals(form.get("Action"))) {
            return Wire.xml(200, targetHealth(clock.get()));
        }
        if ("2011-01-01".equals(form.get("Version"))) {
            return autoScaling(form);
        }
        return Wire.xml(400, Wire.ec2Error("InvalidAction", "not served here: " + form.get("Action")));
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ResponseDefinition ecs(String op, JsonNode body) {
        Instant now = clock.get();
        return switch (op) {
            case "ListTasks" -> Wire.json11(200, "{\"taskArns\":[" + String.join(",", ipOf.keySet().stream()
                    .filter(id -> stopped(id) == null || now.isBefore(stopped(id))).map(id -> Wire.quote(taskArn(id))).toList()) + "]}");
            case "DescribeTasks" -> {
                List<String> tasks = new ArrayList<>();
                body.path("tasks").forEach(a -> ipOf.keySet().stream().filter(id -> taskArn(id).equals(a.asText())).findFirst()
                        .ifPresent(id -> tasks.add(task(id, now))));
                yield Wire.json11(200, "{\"tasks\":[" + String.join(",", tasks) + "],\"failures\":[]}");
            }
            case "ListContainerInstances" -> Wire.json11(200, "{\"containerInstanceArns\":[" + String.join(",",
                    ipOf.keySet().stream().map(id -> Wire.quote(containerInstanceArn(id))).toList()) + "]}");
            case "DescribeContainerInstances" -> {
                List<String> cis = new ArrayList<>();
                body.path("containerInstances").forEach(a -> ipOf.keySet().stream().filter(id -> containerInstanceArn(id).equals(a.asText()))
                        .findFirst().ifPresent(id -> cis.add("{\"containerInstanceArn\":" + Wire.quote(containerInstanceArn(id))
                                + ",\"ec2InstanceId\":" + Wire.quote(id) + ",\"status\":\"ACTIVE\"}")));
                yield Wire.json11(200, "{\"containerInstances\":[" + String.join(",", cis) + "],\"failures\":[]}");
            }
            default -> Wire.json11Error("InvalidParameterException", "not served here: " + op);
        };
    }

    private static String taskArn(String instanceId) {
        return ARN + "task/" + CLUSTER + "/" + instanceId.substring(2) + "aa";
    }

    private static String containerInstanceArn(String instanceId) {
        return ARN + "container-instance/" + CLUSTER + "/" + instanceId.substring(2) + "cc";
    }

    private String task(String id, Instant now) {
        Instant stopping = stopping(id);
        Instant stopped = stopped(id);
        boolean isStopping = stopping != null && !now.isBefore(stopping);
        boolean isStopped = stopped != null && !now.isBefore(stopped);
        StringBuilder t = new StringBuilder("{\"taskArn\":").append(Wire.quote(taskArn(id))).append(",\"clusterArn\":")
                .append(Wire.quote(ARN + "cluster/" + CLUSTER)).append(",\"containerInstanceArn\":").append(Wire.quote(containerInstanceArn(id)))
                .append(",\"lastStatus\":\"").append(isStopped ? "STOPPED" : "RUNNING").append("\",\"desiredStatus\":\"")
                .append(isStopping ? "STOPPED" : "RUNNING").append('"');
        if (isStopping) {
            t.append(",\"stoppingAt\":").append(Wire.epoch(stopping)).append(",\"stopCode\":\"TerminationNotice\",\"stoppedReason\":")
                    .append(Wire.quote("Task stopped because the container instance is draining"));
        }
        if (isStopped) {
            t.append(",\"stoppedAt\":").append(Wire.epoch(stopped));
        }
        t.append(",\"containers\":[{\"name\":\"web\",\"lastStatus\":\"").append(isStopped ? "STOPPED" : "RUNNING").append('"');
        if (isStopped) {
            t.append(",\"exitCode\":").append(ignoresSigterm ? 137 : 0);
        }
        t.append(",\"networkInterfaces\":[{\"privateIpv4Address\":").append(Wire.quote(ipOf.get(id))).append("}]}]}");
        return t.toString();
    }

    private String targetHealth(Instant now) {
        StringBuilder members = new StringBuilder();
        for (Map.Entry<String, String> e : ipOf.entrySet()) {
            Instant d = deregistered(e.getKey());
            if (d != null && !now.isBefore(d.plus(deregistrationDelay))) {
                continue;
            }
            boolean draining = d != null && !now.isBefore(d);
            members.append("<member><Target><Id>").append(targetsByInstance ? e.getKey() : e.getValue()).append("</Id><Port>8080</Port></Target><HealthCheckPort>8080</HealthCheckPort>")
                    .append("<TargetHealth><State>").append(draining ? "draining" : "healthy").append("</State>")
                    .append(draining ? "<Reason>Target.DeregistrationInProgress</Reason>" : "").append("</TargetHealth></member>");
        }
        return "<DescribeTargetHealthResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><DescribeTargetHealthResult>"
                + "<TargetHealthDescriptions>" + members + "</TargetHealthDescriptions></DescribeTargetHealthResult>"
                + "<ResponseMetadata><RequestId>5f7a9c2e-0000-4000-8000-000000000001</RequestId></ResponseMetadata></DescribeTargetHealthResponse>";
    }

    private ResponseDefinition autoScaling(Map<String, String> form) {
        String ns = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
        String meta = "<ResponseMetadata><RequestId>5f7a9c2e-0000-4000-8000-000000000002</RequestId></ResponseMetadata>";
        if ("DescribeAutoScalingGroups".equals(form.get("Action"))) {
            return Wire.xml(200, "<DescribeAutoScalingGroupsResponse xmlns=\"" + ns + "\"><DescribeAutoScalingGroupsResult><AutoScalingGroups><member>"
                    + "<AutoScalingGroupName>web-asg</AutoScalingGroupName><MinSize>0</MinSize><MaxSize>10</MaxSize><DesiredCapacity>6</DesiredCapacity>"
                    + "<TargetGroupARNs><member>" + TARGET_GROUP + "</member></TargetGroupARNs></member></AutoScalingGroups>"
                    + "</DescribeAutoScalingGroupsResult>" + meta + "</DescribeAutoScalingGroupsResponse>");
        }
        if ("DescribeAutoScalingInstances".equals(form.get("Action"))) {
            Instant now = clock.get();
            StringBuilder members = new StringBuilder();
            for (String id : Wire.list(form, "InstanceIds.member")) {
                Instant action = actions.get().get(id);
                String state = action != null && !now.isBefore(action) ? "Terminating:Wait" : "InService";
                members.append("<member><InstanceId>").append(id).append("</InstanceId><AutoScalingGroupName>web-asg</AutoScalingGroupName>")
                        .append("<AvailabilityZone>us-east-1a</AvailabilityZone><LifecycleState>").append(state)
                        .append("</LifecycleState><HealthStatus>HEALTHY</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>");
            }
            return Wire.xml(200, "<DescribeAutoScalingInstancesResponse xmlns=\"" + ns + "\"><DescribeAutoScalingInstancesResult><AutoScalingInstances>"
                    + members + "</AutoScalingInstances></DescribeAutoScalingInstancesResult>" + meta + "</DescribeAutoScalingInstancesResponse>");
        }
        return Wire.xml(400, "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>not served here</Message>"
                + "</Error><RequestId>5f7a9c2e-0000-4000-8000-000000000003</RequestId></ErrorResponse>");
    }
}
