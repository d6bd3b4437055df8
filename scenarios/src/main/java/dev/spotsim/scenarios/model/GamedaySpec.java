package dev.spotsim.scenarios.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the scenario runs as a game day on real AWS ({@code spotsim gameday}): which instances may be
 * interrupted, where load comes from, how much may be hit at most, the FIS experiment role, and the
 * guards that stop everything mid-run, and where drain is measured. Optional: a scenario without it only runs locally.
 */
public record GamedaySpec(Targets targets, LoadGenerators loadGenerators, BlastRadius blastRadius, String fisRoleArn,
                          List<String> stopAlarms, Map<String, String> stopConditions, Map<String, String> slos,
                          Duration pollInterval, Drain drain) {
    /** IAM role ARNs, e.g. arn:aws:iam::123456789012:role/spotsim-fis. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html */
    private static final String ROLE_ARN = "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}";
    /** CloudWatch alarm ARNs, the only stop-condition source FIS knows besides "none". https://docs.aws.amazon.com/fis/latest/userguide/stop-conditions.html */
    private static final String ALARM_ARN = "arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.{1,255}";
    /** FIS allows 5 stop conditions per experiment template. https://docs.aws.amazon.com/fis/latest/userguide/fis-quotas.html */
    private static final int MAX_STOP_ALARMS = 5;
    private static final Set<Slo.Metric> GUARDABLE = Set.of(Slo.Metric.HEALTHY_CAPACITY, Slo.Metric.FAILED_REQUESTS);

    public GamedaySpec {
        if (targets == null) {
            throw new IllegalArgumentException("targets: required, e.g. {autoScalingGroup: web-asg} or {tags: {Environment: staging}}");
        }
        blastRadius = blastRadius == null ? BlastRadius.defaults() : blastRadius;
        if (fisRoleArn != null && !fisRoleArn.matches(ROLE_ARN)) {
            throw new IllegalArgumentException("fisRoleArn: expected an IAM role ARN like arn:aws:iam::123456789012:role/spotsim-fis, got \""
                    + fisRoleArn + "\"");
        }
        stopAlarms = stopAlarms == null ? List.of() : List.copyOf(stopAlarms);
        if (stopAlarms.size() > MAX_STOP_ALARMS) {
            throw new IllegalArgumentException("stopAlarms: FIS allows at most " + MAX_STOP_ALARMS + " stop conditions, got " + stopAlarms.size());
        }
        for (int i = 0; i < stopAlarms.size(); i++) {
            if (!stopAlarms.get(i).matches(ALARM_ARN)) {
                throw new IllegalArgumentException("stopAlarms[" + i + "]: expected a CloudWatch alarm ARN like "
                        + "arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-5xx, got \"" + stopAlarms.get(i) + "\"");
            }
        }
        stopConditions = stopConditions == null ? Map.of() : Map.copyOf(stopConditions);
        for (Map.Entry<String, String> e : stopConditions.entrySet()) {
            Slo guard = parseAs("stopConditions.", e.getKey(), e.getValue());
            if (!GUARDABLE.contains(guard.metric())) {
                throw new IllegalArgumentException("stopConditions." + e.getKey() + ": a game day can watch healthyCapacity (ELBv2 target health, or EC2) and "
                        + "failedRequests (live load) mid-run; use stopAlarms for anything CloudWatch measures");
            }
            if (guard.isRelative()) {
                throw new IllegalArgumentException("stopConditions." + e.getKey() + ": a stop condition needs a fixed threshold"
                        + " (it is watched mid-run, before any comparison), not \"" + e.getValue() + "\"");
            }
            if (guard.phase() != null) {
                throw new IllegalArgumentException("stopConditions." + e.getKey() + ": a stop condition holds for the whole run, drop @"
                        + guard.phase().wireName());
            }
        }
        slos = slos == null ? Map.of() : Map.copyOf(slos);
        for (Map.Entry<String, String> e : slos.entrySet()) {
            parseAs("slos.", e.getKey(), e.getValue());
        }
        drain = drain == null ? Drain.defaults() : drain;
        pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0 || pollInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("pollInterval: expected 1s..5m, got " + pollInterval.toMillis() + "ms");
        }
    }

    /** Parses one guard or SLO, naming it under {@code prefix} (Slo's own messages say "slos."). */
    private static Slo parseAs(String prefix, String key, String condition) {
        try {
            return Slo.parse(key, condition);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith("slos.") ? prefix + message.substring("slos.".length()) : message, e);
        }
    }

    /** The stop conditions, parsed, in key order. */
    public List<Slo> parsedStopConditions() {
        return stopConditions.entrySet().stream().map(e -> Slo.parse(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(Slo::key)).toList();
    }

    /**
     * Which instances a game day may touch: those carrying every tag and, when given, belonging to the
     * Auto Scaling group (its {@code aws:autoscaling:groupName} tag). Only running Spot Instances among them are interrupted.
     */
    public record Targets(Map<String, String> tags, String autoScalingGroup) {
        public Targets {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            if (tags.isEmpty() && autoScalingGroup == null) {
                throw new IllegalArgumentException("expected tags, autoScalingGroup or both, e.g. {autoScalingGroup: web-asg}");
            }
            checkTags(tags);
            // Auto Scaling group names: 1..255 characters. https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html
            if (autoScalingGroup != null && (autoScalingGroup.isBlank() || autoScalingGroup.length() > 255)) {
                throw new IllegalArgumentException("autoScalingGroup: expected a group name of 1..255 characters");
            }
        }
    }

    /**
     * The instances that drive load: found by tag, sent {@code command} through SSM Run Command
     * ({@code AWS-RunShellScript}). {@code count} caps how many are used (all found, when absent).
     * {@code executionTimeout} is the script's own limit; {@code deliveryTimeout} how long SSM keeps trying to deliver.
     */
    public record LoadGenerators(Map<String, String> tags, Integer count, String command, Gatling gatling, String workingDirectory,
                                 Duration executionTimeout, Duration deliveryTimeout) {
        /** AWS-RunShellScript's executionTimeout: default 3600 s, at most 172800 s (48 h). https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-command-ssm-plugin-reference.html#aws-runShellScript */
        private static final Duration MAX_EXECUTION = Duration.ofHours(48);
        /** SendCommand TimeoutSeconds: 30 s to 30 days, default 3600 s. https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html */
        private static final Duration MIN_DELIVERY = Duration.ofSeconds(30);
        private static final Duration MAX_DELIVERY = Duration.ofDays(30);

        public LoadGenerators {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("tags: required, the tags that mark load-generator instances, e.g. {Role: loadgen}");
            }
            checkTags(tags);
            if (count != null && (count < 1 || count > 1000)) {
                throw new IllegalArgumentException("count: expected 1..1000 generators, got " + count);
            }
            boolean hasCommand = command != null && !command.isBlank();
            if (hasCommand == (gatling != null)) {
                throw new IllegalArgumentException(hasCommand ? "command, gatling: give one of them, not both"
                        : "command or gatling: required; gatling: {url: https://staging.example.com} runs the scenario's load with spotsim load, "
                        + "command: \"hey -z 5m https://staging.example.com/\" runs your own tool");
            }
            executionTimeout = executionTimeout == null ? Duration.ofHours(1) : executionTimeout;
            if (executionTimeout.toSeconds() < 1 || executionTimeout.compareTo(MAX_EXECUTION) > 0) {
                throw new IllegalArgumentException("executionTimeout: AWS-RunShellScript allows 1s..48h, got " + executionTimeout);
            }
            deliveryTimeout = deliveryTimeout == null ? Duration.ofMinutes(10) : deliveryTimeout;
            if (deliveryTimeout.compareTo(MIN_DELIVERY) < 0 || deliveryTimeout.compareTo(MAX_DELIVERY) > 0) {
                throw new IllegalArgumentException("deliveryTimeout: SSM allows 30s..30d, got " + deliveryTimeout);
            }
        }
    }

    /**
     * Gatling on the generators: each runs {@code spotsim load} with the scenario's load section at its
     * share of the rate against {@code url}. {@code launcher} is how spotsim is started there (default
     * {@code spotsim} on the PATH, or e.g. {@code java --add-opens=java.base/java.lang=ALL-UNNAMED -jar /opt/spotsim/spotsim.jar});
     * {@code install}, when given, is run first (e.g. fetching the jar). {@code --local} replaces url and launcher.
     */
    public record Gatling(String url, String launcher, String install) {
        public Gatling {
            if (url == null || !url.matches("https?://[^\\s/]+(/\\S*)?")) {
                throw new IllegalArgumentException("gatling.url: expected the staging URL the generators load, like https://web.staging.example.com, got "
                        + (url == null ? "nothing" : "\"" + url + "\""));
            }
            launcher = launcher == null || launcher.isBlank() ? "spotsim" : launcher.strip();
            install = install == null || install.isBlank() ? null : install;
        }
    }

    /**
     * Where a game day reads drain from: the ECS cluster whose task stops it reads (none: no ECS reads),
     * and target groups beside those of the Auto Scaling group.
     */
    public record Drain(String ecsCluster, List<String> targetGroupArns) {
        /** Target group ARNs. https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroup.html */
        private static final String TARGET_GROUP_ARN = "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+";

        public Drain {
            if (ecsCluster != null && (ecsCluster.isBlank() || ecsCluster.length() > 255)) {
                throw new IllegalArgumentException("ecsCluster: expected a cluster name or ARN of 1..255 characters");
            }
            targetGroupArns = targetGroupArns == null ? List.of() : List.copyOf(targetGroupArns);
            for (int i = 0; i < targetGroupArns.size(); i++) {
                if (!targetGroupArns.get(i).matches(TARGET_GROUP_ARN)) {
                    throw new IllegalArgumentException("targetGroupArns[" + i + "]: expected a target group ARN like "
                            + "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef, got \"" + targetGroupArns.get(i) + "\"");
                }
            }
        }

        public static Drain defaults() {
            return new Drain(null, null);
        }
    }

    /**
     * The most a game day may interrupt, over all its steps: a number of instances and a share of the
     * group's running instances. A plan above either is refused before anything is touched.
     */
    public record BlastRadius(Integer maxInstances, Double maxPercent) {
        public BlastRadius {
            maxInstances = maxInstances == null ? 1 : maxInstances;
            if (maxInstances < 1 || maxInstances > 1000) {
                throw new IllegalArgumentException("maxInstances: expected 1..1000, got " + maxInstances);
            }
            maxPercent = maxPercent == null ? 25.0 : maxPercent;
            if (maxPercent <= 0 || maxPercent > 100) {
                throw new IllegalArgumentException("maxPercent: expected above 0 and at most 100, got " + maxPercent);
            }
        }

        public static BlastRadius defaults() {
            return new BlastRadius(null, null);
        }
    }

    /** EC2 tags: keys 1..128 characters, values up to 256. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions */
    private static void checkTags(Map<String, String> tags) {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getKey().isEmpty() || t.getKey().length() > 128) {
                throw new IllegalArgumentException("tags: a key must have 1..128 characters, got \"" + t.getKey() + "\"");
            }
            if (t.getValue() == null || t.getValue().length() > 256) {
                throw new IllegalArgumentException("tags." + t.getKey() + ": expected a value of at most 256 characters");
            }
        }
    }
}
