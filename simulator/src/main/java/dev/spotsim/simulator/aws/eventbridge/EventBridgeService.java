package dev.spotsim.simulator.aws.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.JsonBody;
import dev.spotsim.simulator.aws.Paging;
import dev.spotsim.simulator.aws.sqs.SqsQueues;
import dev.spotsim.simulator.events.pattern.EventPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Amazon EventBridge's rules on the default event bus (JSON 1.1, {@code X-Amz-Target: AWSEvents.*}):
 * PutRule, DescribeRule, ListRules, Enable/DisableRule, DeleteRule, PutTargets, ListTargetsByRule,
 * RemoveTargets, PutEvents. Every simulator event reaches the SQS queue targets of the rules it
 * matches, as the event JSON EventBridge delivers.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
 */
public final class EventBridgeService implements AwsService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "[\\.\\-_A-Za-z0-9]{1,64}";
    private final AwsContext context;
    private final Rules rules = new Rules();
    private final EventEntries entries;

    public EventBridgeService(AwsContext context, SqsQueues queues) {
        this.context = context;
        this.entries = new EventEntries(context);
        context.events().subscribe(new RuleDelivery(rules, queues), EventPattern.any());
    }

    @Override
    public String signingName() {
        return "events";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.JSON_1_1;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of("AWSEvents");
    }

    @Override
    public int reset() {
        return rules.clear();
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        ObjectNode in = JsonBody.object(request, "SerializationException");
        String region = request.region();
        ObjectNode out = switch (request.operation()) {
            case "PutRule" -> putRule(in, region);
            case "DescribeRule" -> describeRule(in, region);
            case "ListRules" -> listRules(in, region);
            case "EnableRule", "DisableRule" -> setState(in, region, request.operation().equals("EnableRule"));
            case "DeleteRule" -> deleteRule(in, region);
            case "PutTargets" -> putTargets(in, region);
            case "ListTargetsByRule" -> listTargets(in, region);
            case "RemoveTargets" -> removeTargets(in, region);
            case "PutEvents" -> entries.putEvents(in, region);
            default -> throw new AwsException(400, "UnknownOperationException", "spotsim's EventBridge does not serve "
                    + request.operation() + "; it serves PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, "
                    + "PutTargets, ListTargetsByRule, RemoveTargets and PutEvents.");
        };
        return CompletableFuture.completedFuture(AwsResponse.json(AwsProtocol.JSON_1_1, out == null ? "{}" : out.toString()));
    }

    static String required(ObjectNode in, String member) {
        JsonNode n = in.get(member);
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            throw validation("1 validation error detected: Value null at '" + lowerFirst(member) + "' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return n.asText();
    }

    static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Only the default bus exists: its name or its ARN. */
    private void checkBus(ObjectNode in, String region) {
        String bus = in.path("EventBusName").asText("default");
        if (!bus.equals("default") && !bus.equals("arn:aws:events:" + region + ":" + context.accountId() + ":event-bus/default")) {
            throw new AwsException(400, "ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
    }

    private String checkedName(ObjectNode in, String member, String region) {
        checkBus(in, region);
        String name = required(in, member);
        if (!name.matches(NAME)) {
            throw validation("1 validation error detected: Value '" + name + "' at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+ "
                    + "and have length between 1 and 64");
        }
        return name;
    }

    private Rule existing(ObjectNode in, String member, String region) {
        String name = checkedName(in, member, region);
        Rule r = rules.get(region, name);
        if (r == null) {
            throw new AwsException(400, "ResourceNotFoundException", "Rule " + name + " does not exist on EventBus default.");
        }
        return r;
    }

    private ObjectNode putRule(ObjectNode in, String region) {
        String name = checkedName(in, "Name", region);
        if (in.hasNonNull("ScheduleExpression")) {
            throw validation("spotsim does not run scheduled rules; give an EventPattern.");
        }
        String text = in.path("EventPattern").asText(null);
        if (text == null) {
            throw validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        EventPattern pattern;
        try {
            pattern = EventPattern.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "InvalidEventPatternException", "Event pattern is not valid. Reason: " + e.getMessage());
        }
        String state = in.path("State").asText("ENABLED");
        if (!List.of("ENABLED", "DISABLED").contains(state)) {
            throw validation("1 validation error detected: Value '" + state + "' at 'state' failed to satisfy constraint: Member must "
                    + "satisfy enum value set: [ENABLED, DISABLED]");
        }
        String arn = "arn:aws:events:" + region + ":" + context.accountId() + ":rule/" + name;
        Rule before = rules.get(region, name);
        rules.put(new Rule(region, name, arn, text, pattern, state.equals("ENABLED"), in.path("Description").asText(null),
                in.path("RoleArn").asText(null), before == null ? Map.of() : before.targets()));
        return JSON.createObjectNode().put("RuleArn", arn);
    }

    private ObjectNode describeRule(ObjectNode in, String region) {
        Rule r = existing(in, "Name", region);
        ObjectNode out = ruleJson(r);
        out.put("CreatedBy", context.accountId());
        return out;
    }

    private static ObjectNode ruleJson(Rule r) {
        ObjectNode o = JSON.createObjectNode().put("Name", r.name()).put("Arn", r.arn()).put("EventPattern", r.eventPatternText())
                .put("State", r.state());
        if (r.description() != null) {
            o.put("Description", r.description());
        }
        if (r.roleArn() != null) {
            o.put("RoleArn", r.roleArn());
        }
        return o.put("EventBusName", "default");
    }

    private ObjectNode listRules(ObjectNode in, String region) {
        checkBus(in, region);
        Paging.Page<Rule> page = page(rules.list(region, in.path("NamePrefix").asText(null)), Rule::name, in);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Rules");
        page.items().forEach(r -> list.add(ruleJson(r)));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    /** A page of at most Limit (1..100, default 100) items after NextToken. */
    private static <T> Paging.Page<T> page(List<T> items, java.util.function.Function<T, String> key, ObjectNode in) {
        int limit = in.path("Limit").asInt(100);
        if (in.has("Limit") && (limit < 1 || limit > 100)) {
            throw validation("1 validation error detected: Value '" + in.get("Limit").asText() + "' at 'limit' failed to satisfy "
                    + "constraint: Member must have value between 1 and 100");
        }
        try {
            return Paging.page(items, key, in.path("NextToken").asText(null), limit);
        } catch (IllegalArgumentException e) {
            throw validation(e.getMessage());
        }
    }

    private ObjectNode setState(ObjectNode in, String region, boolean enabled) {
        Rule r = existing(in, "Name", region);
        rules.update(region, r.name(), x -> x.withEnabled(enabled));
        return null;
    }

    /** Deleting a rule that is gone succeeds; one that still has targets is refused, as in EventBridge. */
    private ObjectNode deleteRule(ObjectNode in, String region) {
        String name = checkedName(in, "Name", region);
        Rule r = rules.get(region, name);
        if (r != null && !r.targets().isEmpty()) {
            throw validation("Rule can't be deleted since it has targets.");
        }
        rules.remove(region, name);
        return null;
    }

    private ObjectNode putTargets(ObjectNode in, String region) {
        Rule r = existing(in, "Rule", region);
        JsonNode targets = in.path("Targets");
        if (!targets.isArray() || targets.isEmpty() || targets.size() > 10) {
            throw validation("1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length "
                    + "between 1 and 10");
        }
        Map<String, ObjectNode> checked = new LinkedHashMap<>();
        for (JsonNode t : targets) {
            ObjectNode target = t.isObject() ? (ObjectNode) t : JSON.createObjectNode();
            String id = target.path("Id").asText("");
            String arn = target.path("Arn").asText("");
            if (!id.matches(NAME)) {
                throw validation("Target Id '" + id + "' must be 1 to 64 letters, digits, '.', '-' or '_'.");
            }
            if (!arn.startsWith("arn:aws:sqs:")) {
                throw validation("Target " + id + ": spotsim delivers to SQS queues only (arn:aws:sqs:<region>:<account>:<queue>), got '"
                        + arn + "'.");
            }
            String problem = TargetInput.problem(target);
            if (problem != null) {
                throw validation(problem);
            }
            checked.put(id, target.deepCopy());
        }
        rules.update(region, r.name(), x -> {
            Map<String, ObjectNode> all = new LinkedHashMap<>(x.targets());
            all.putAll(checked);
            return x.withTargets(all);
        });
        return JSON.createObjectNode().put("FailedEntryCount", 0).set("FailedEntries", JSON.createArrayNode());
    }

    private ObjectNode listTargets(ObjectNode in, String region) {
        Rule r = existing(in, "Rule", region);
        Paging.Page<ObjectNode> page = page(r.targets().values().stream()
                .sorted(java.util.Comparator.comparing(t -> t.path("Id").asText())).toList(), t -> t.path("Id").asText(), in);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Targets");
        page.items().forEach(list::add);
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    /** Removes the targets with those ids; ids the rule does not have are fine. */
    private ObjectNode removeTargets(ObjectNode in, String region) {
        Rule r = existing(in, "Rule", region);
        List<String> ids = new java.util.ArrayList<>();
        in.path("Ids").forEach(id -> ids.add(id.asText()));
        if (ids.isEmpty() || ids.size() > 100) {
            throw validation("1 validation error detected: Value at 'ids' failed to satisfy constraint: Member must have length "
                    + "between 1 and 100");
        }
        rules.update(region, r.name(), x -> {
            Map<String, ObjectNode> left = new LinkedHashMap<>(x.targets());
            ids.forEach(left::remove);
            return x.withTargets(left);
        });
        return JSON.createObjectNode().put("FailedEntryCount", 0).set("FailedEntries", JSON.createArrayNode());
    }
}
