package dev.spotsim.gameday.fis;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spotsim.gameday.Batches;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateRequest;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;

/**
 * An FIS experiment template that interrupts named Spot Instances with
 * {@code aws:ec2:send-spot-instance-interruptions}: targets by ARN, at most {@link #ARNS_PER_TARGET}
 * per target (the default quota), one action per target, all starting with the experiment. The same
 * value prints the plan ({@link #toJson}) and becomes the CreateExperimentTemplate request, so what a
 * dry run shows is what an execution sends.
 * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#send-spot-instance-interruptions
 */
public record FisTemplate(String description, List<String> instanceArns, Duration durationBeforeInterruption, String roleArn,
                          List<String> stopAlarms, Map<String, String> tags) {
    public static final String ACTION_ID = "aws:ec2:send-spot-instance-interruptions";
    public static final String RESOURCE_TYPE = "aws:ec2:spot-instance";
    /** The action's target key: the action takes its instances under "SpotInstances". */
    public static final String ACTION_TARGET_KEY = "SpotInstances";
    /**
     * Spot Instances one action may interrupt when targets are given by ARN (default quota); more are
     * batched over several targets and actions, as AWS's own amazon-ec2-spot-interrupter does.
     * https://docs.aws.amazon.com/fis/latest/userguide/fis-quotas.html
     */
    public static final int ARNS_PER_TARGET = 5;
    /** durationBeforeInterruption: 2 to 15 minutes. */
    public static final Duration MIN_DURATION = Duration.ofMinutes(2);
    public static final Duration MAX_DURATION = Duration.ofMinutes(15);
    /** CreateExperimentTemplate description: at most 512 characters. https://docs.aws.amazon.com/fis/latest/APIReference/API_CreateExperimentTemplate.html */
    static final int MAX_DESCRIPTION = 512;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public FisTemplate {
        if (instanceArns == null || instanceArns.isEmpty()) {
            throw new IllegalArgumentException("an experiment template needs at least one instance");
        }
        instanceArns = List.copyOf(instanceArns);
        if (durationBeforeInterruption.compareTo(MIN_DURATION) < 0 || durationBeforeInterruption.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("durationBeforeInterruption: FIS allows PT2M..PT15M, got " + durationBeforeInterruption);
        }
        if (roleArn == null) {
            throw new IllegalArgumentException("roleArn: FIS needs an experiment role (gameday.fisRoleArn or --fis-role-arn)");
        }
        description = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION - 1) + "…" : description;
        stopAlarms = stopAlarms == null ? List.of() : List.copyOf(stopAlarms);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The same template for fewer instances (those still targetable when the step starts). */
    public FisTemplate withInstances(List<String> arns) {
        return new FisTemplate(description, arns, durationBeforeInterruption, roleArn, stopAlarms, tags);
    }

    /** The ARNs in batches of at most {@link #ARNS_PER_TARGET}. */
    public List<List<String>> batches() {
        return Batches.of(instanceArns, ARNS_PER_TARGET);
    }

    static String targetName(int batch) {
        return "SpotInstances-" + (batch + 1);
    }

    static String actionName(int batch) {
        return "interrupt-" + (batch + 1);
    }

    /** The request body as FIS receives it (REST-JSON, camelCase), without the clientToken the SDK adds. */
    public String toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", description);
        Map<String, Object> targets = new LinkedHashMap<>();
        Map<String, Object> actions = new LinkedHashMap<>();
        List<List<String>> batches = batches();
        for (int b = 0; b < batches.size(); b++) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("resourceType", RESOURCE_TYPE);
            target.put("resourceArns", batches.get(b));
            target.put("selectionMode", "ALL");
            targets.put(targetName(b), target);
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("actionId", ACTION_ID);
            action.put("parameters", Map.of("durationBeforeInterruption", durationBeforeInterruption.toString()));
            action.put("targets", Map.of(ACTION_TARGET_KEY, targetName(b)));
            actions.put(actionName(b), action);
        }
        body.put("targets", targets);
        body.put("actions", actions);
        body.put("stopConditions", stopConditionsJson());
        body.put("roleArn", roleArn);
        body.put("tags", new java.util.TreeMap<>(tags));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, String>> stopConditionsJson() {
        if (stopAlarms.isEmpty()) {
            return List.of(Map.of("source", "none"));
        }
        List<Map<String, String>> conditions = new ArrayList<>();
        for (String alarm : stopAlarms) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("source", "aws:cloudwatch:alarm");
            c.put("value", alarm);
            conditions.add(c);
        }
        return conditions;
    }

    /** The SDK request carrying exactly {@link #toJson()} plus {@code clientToken} (idempotency). */
    public CreateExperimentTemplateRequest toRequest(String clientToken) {
        Map<String, CreateExperimentTemplateTargetInput> targets = new LinkedHashMap<>();
        Map<String, CreateExperimentTemplateActionInput> actions = new LinkedHashMap<>();
        List<List<String>> batches = batches();
        for (int b = 0; b < batches.size(); b++) {
            targets.put(targetName(b), CreateExperimentTemplateTargetInput.builder().resourceType(RESOURCE_TYPE)
                    .resourceArns(batches.get(b)).selectionMode("ALL").build());
            actions.put(actionName(b), CreateExperimentTemplateActionInput.builder().actionId(ACTION_ID)
                    .parameters(Map.of("durationBeforeInterruption", durationBeforeInterruption.toString()))
                    .targets(Map.of(ACTION_TARGET_KEY, targetName(b))).build());
        }
        List<CreateExperimentTemplateStopConditionInput> stops = stopConditionsJson().stream()
                .map(c -> CreateExperimentTemplateStopConditionInput.builder().source(c.get("source")).value(c.get("value")).build())
                .toList();
        return CreateExperimentTemplateRequest.builder().clientToken(clientToken).description(description).targets(targets)
                .actions(actions).stopConditions(stops).roleArn(roleArn).tags(tags).build();
    }
}
