package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.fis.FisShapes.Action;
import dev.spotsim.simulator.aws.fis.FisShapes.StopCondition;
import dev.spotsim.simulator.aws.fis.FisShapes.Target;
import dev.spotsim.simulator.aws.json.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a whole experiment template as FIS does when it is created or updated: member limits, the
 * targets' resource types, selection modes and filters, each action's targets, parameters and
 * startAfter order (no unknown names, no cycles), and the five-instance limit of the Spot action.
 * Stop conditions are accepted with source {@code none} or {@code aws:cloudwatch:alarm}; spotsim
 * evaluates no CloudWatch alarm, so an alarm never stops an experiment.
 */
final class TemplateChecks {
    static final Pattern SELECTION = Pattern.compile("ALL|COUNT\\((\\d+)\\)|PERCENT\\((\\d+)\\)");
    static final List<String> RESOURCE_TYPES = List.of("aws:ec2:instance", "aws:ec2:spot-instance");

    private TemplateChecks() {
    }

    static void check(String description, List<StopCondition> stopConditions, Map<String, Target> targets, Map<String, Action> actions,
                      String roleArn, Map<String, String> tags) {
        new Checks().required("description", description).length("description", description, 0, 512)
                .required("roleArn", roleArn).length("roleArn", roleArn, 20, 2048)
                .required("actions", actions == null ? null : actions.keySet())
                .length("tags", tags == null ? null : tags.keySet(), 0, 50).orThrow();
        if (stopConditions == null) {
            throw Checks.validation("1 validation error detected: Value null at 'stopConditions' failed to satisfy constraint: Member must not be null");
        }
        for (StopCondition s : stopConditions) {
            if (!"none".equals(s.source()) && !"aws:cloudwatch:alarm".equals(s.source())) {
                throw Checks.validation("Stop condition source must be none or aws:cloudwatch:alarm, got " + s.source());
            }
            if ("aws:cloudwatch:alarm".equals(s.source()) && (s.value() == null || !s.value().startsWith("arn:"))) {
                throw Checks.validation("A stop condition of source aws:cloudwatch:alarm needs the alarm's ARN as its value");
            }
        }
        Map<String, Target> ts = targets == null ? Map.of() : targets;
        ts.forEach(TemplateChecks::checkTarget);
        actions.forEach((name, action) -> checkAction(name, action, ts, actions));
        checkNoCycle(actions);
    }

    private static void checkTarget(String name, Target t) {
        if (t.resourceType() == null || !RESOURCE_TYPES.contains(t.resourceType())) {
            throw Checks.validation("Target " + name + ": resourceType must be one of " + RESOURCE_TYPES + ", got " + t.resourceType());
        }
        if (t.selectionMode() == null || !SELECTION.matcher(t.selectionMode()).matches()) {
            throw Checks.validation("Target " + name + ": selectionMode must be ALL, COUNT(n) or PERCENT(n), got " + t.selectionMode());
        }
        Matcher m = SELECTION.matcher(t.selectionMode());
        m.matches();
        if (m.group(2) != null && (Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 100)
                || m.group(1) != null && Integer.parseInt(m.group(1)) < 1) {
            throw Checks.validation("Target " + name + ": COUNT(n) needs n >= 1 and PERCENT(n) n from 1 to 100, got " + t.selectionMode());
        }
        boolean arns = t.resourceArns() != null && !t.resourceArns().isEmpty();
        boolean tags = t.resourceTags() != null && !t.resourceTags().isEmpty();
        if (arns == tags) {
            throw Checks.validation("Target " + name + ": give resourceArns or resourceTags" + (arns ? ", not both" : ""));
        }
        if (arns && t.resourceArns().size() > 5) {
            throw Checks.validation("Target " + name + ": at most 5 resourceArns, got " + t.resourceArns().size());
        }
        if (t.parameters() != null && !t.parameters().isEmpty()) {
            throw Checks.validation("Target " + name + ": EC2 instance targets take no parameters");
        }
        if (t.filters() != null) {
            t.filters().forEach(f -> InstanceFilters.check(name, f));
        }
    }

    private static void checkAction(String name, Action a, Map<String, Target> targets, Map<String, Action> actions) {
        FisAction kind = FisAction.of(a.actionId());
        kind.checkParameters(name, a.parameters());
        Map<String, String> at = a.targets() == null ? Map.of() : a.targets();
        if (kind.targetKey == null) {
            if (!at.isEmpty()) {
                throw Checks.validation("Action " + name + " (" + a.actionId() + ") takes no targets");
            }
        } else {
            if (at.size() != 1 || !at.containsKey(kind.targetKey)) {
                throw Checks.validation("Action " + name + " (" + a.actionId() + ") needs exactly one target, under the key " + kind.targetKey);
            }
            Target t = targets.get(at.get(kind.targetKey));
            if (t == null) {
                throw Checks.validation("Action " + name + " names target " + at.get(kind.targetKey) + ", which the template does not define");
            }
            if (!t.resourceType().equals(kind.resourceType)) {
                throw Checks.validation("Action " + name + " (" + a.actionId() + ") needs a target of resource type " + kind.resourceType
                        + ", and target " + at.get(kind.targetKey) + " is " + t.resourceType());
            }
            if (kind == FisAction.SEND_SPOT_INSTANCE_INTERRUPTIONS) {
                checkSpotLimit(name, at.get(kind.targetKey), t);
            }
        }
        for (String after : a.startAfter() == null ? List.<String>of() : a.startAfter()) {
            if (!actions.containsKey(after)) {
                throw Checks.validation("Action " + name + " starts after " + after + ", which the template does not define");
            }
        }
    }

    /** The Spot action interrupts at most five instances; what a template can tell before running is checked here. */
    private static void checkSpotLimit(String action, String targetName, Target t) {
        Matcher m = SELECTION.matcher(t.selectionMode());
        m.matches();
        boolean tooManyArns = t.resourceArns() != null && t.resourceArns().size() > FisAction.MAX_SPOT_TARGETS && "ALL".equals(t.selectionMode());
        boolean tooManyCount = m.group(1) != null && Integer.parseInt(m.group(1)) > FisAction.MAX_SPOT_TARGETS;
        if (tooManyArns || tooManyCount) {
            throw Checks.validation("Action " + action + ": aws:ec2:send-spot-instance-interruptions can target at most "
                    + FisAction.MAX_SPOT_TARGETS + " instances; target " + targetName + " selects " + t.selectionMode());
        }
    }

    private static void checkNoCycle(Map<String, Action> actions) {
        Set<String> done = new HashSet<>();
        for (String name : actions.keySet()) {
            visit(name, actions, done, new HashSet<>());
        }
    }

    private static void visit(String name, Map<String, Action> actions, Set<String> done, Set<String> path) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw Checks.validation("Actions' startAfter form a cycle through " + name);
        }
        Action a = actions.get(name);
        for (String after : a.startAfter() == null ? List.<String>of() : a.startAfter()) {
            visit(after, actions, done, path);
        }
        path.remove(name);
        done.add(name);
    }
}
