package dev.spotsim.simulator.aws.ssm;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.InstanceTags;
import dev.spotsim.simulator.aws.json.Checks;
import dev.spotsim.simulator.aws.ssm.SsmShapes.SendCommandInput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.Target;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a SendCommand as SSM does (the document, its parameters, the targets) and turns it into a
 * {@link CommandRun}. Targets: {@code InstanceIds}, {@code tag:<key>} and {@code tag-key}.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/send-commands-multiple.html
 */
final class SendCommand {
    static final String DOCUMENT = "AWS-RunShellScript";
    /** AWS-RunShellScript's executionTimeout: default an hour, at most 48 hours. */
    private static final int DEFAULT_EXECUTION_TIMEOUT = 3600;
    private static final int MAX_EXECUTION_TIMEOUT = 172800;
    private static final int DEFAULT_DELIVERY_TIMEOUT = 3600;
    private static final Set<String> PARAMETERS = Set.of("commands", "workingDirectory", "executionTimeout");
    private static final Pattern MAX_CONCURRENCY = Pattern.compile("^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$");
    private static final Pattern MAX_ERRORS = Pattern.compile("^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$");
    private static final Pattern DOCUMENT_NAME = Pattern.compile("^[a-zA-Z0-9_\\-.:/]{3,128}$");
    private final AwsContext context;
    private final RunCommand runner;

    SendCommand(AwsContext context, RunCommand runner) {
        this.context = context;
        this.runner = runner;
    }

    CommandRun send(SendCommandInput in, String region) {
        check(in);
        Map<String, List<String>> parameters = parameters(in.parameters());
        int executionTimeout = executionTimeout(parameters);
        List<String> ids = in.instanceIds() != null && !in.instanceIds().isEmpty() ? byIds(in.instanceIds()) : byTargets(in.targets());
        String commandId = UUID.randomUUID().toString();
        List<Invocation> invocations = new ArrayList<>();
        for (String id : ids) {
            invocations.add(new Invocation(id, runner.instanceFolder(id).resolve("document/orchestration").resolve(commandId)
                    .resolve("awsrunShellScript/0.awsrunShellScript")));
        }
        CommandRun run = new CommandRun(commandId, DOCUMENT, in.comment() == null ? "" : in.comment(), parameters,
                in.instanceIds() == null ? List.of() : List.copyOf(in.instanceIds()), in.targets() == null ? List.of() : List.copyOf(in.targets()),
                context.clock().now(), in.timeoutSeconds() == null ? DEFAULT_DELIVERY_TIMEOUT : in.timeoutSeconds(),
                Duration.ofSeconds(executionTimeout), in.maxConcurrency() == null ? "50" : in.maxConcurrency(),
                in.maxErrors() == null ? "0" : in.maxErrors(), region, invocations);
        return runner.send(run);
    }

    private static void check(SendCommandInput in) {
        Checks c = new Checks().required("documentName", in.documentName()).pattern("documentName", in.documentName(), DOCUMENT_NAME)
                .length("instanceIds", in.instanceIds(), 0, 50).length("targets", in.targets(), 0, 5)
                .range("timeoutSeconds", in.timeoutSeconds(), 30, 2592000).length("comment", in.comment(), 0, 100)
                .pattern("maxConcurrency", in.maxConcurrency(), MAX_CONCURRENCY).pattern("maxErrors", in.maxErrors(), MAX_ERRORS);
        if (in.targets() != null) {
            for (int i = 0; i < in.targets().size(); i++) {
                c.required("targets." + (i + 1) + ".member.key", in.targets().get(i).key())
                        .length("targets." + (i + 1) + ".member.values", in.targets().get(i).values(), 0, 50);
            }
        }
        c.orThrow();
        String doc = in.documentName();
        if (!doc.equals(DOCUMENT) && !(doc.startsWith("arn:") && doc.endsWith(":document/" + DOCUMENT))) {
            throw AwsException.badRequest("InvalidDocument", "Document " + doc + " does not exist in your account; spotsim runs " + DOCUMENT);
        }
        String version = in.documentVersion();
        if (version != null && !version.equals("$DEFAULT") && !version.equals("$LATEST") && !version.equals("1")) {
            throw AwsException.badRequest("InvalidDocumentVersion", "Document " + DOCUMENT + " has version 1 only, not " + version);
        }
        boolean ids = in.instanceIds() != null && !in.instanceIds().isEmpty();
        boolean targets = in.targets() != null && !in.targets().isEmpty();
        if (ids == targets) {
            throw Checks.validation("give either InstanceIds or Targets" + (ids ? ", not both" : ""));
        }
    }

    private static Map<String, List<String>> parameters(Map<String, List<String>> given) {
        Map<String, List<String>> p = given == null ? Map.of() : given;
        for (String name : p.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw AwsException.badRequest("InvalidParameters", "Parameter \"" + name + "\" is not declared by " + DOCUMENT
                        + " (it takes commands, workingDirectory, executionTimeout)");
            }
        }
        List<String> commands = p.get("commands");
        if (commands == null || commands.isEmpty() || commands.stream().allMatch(s -> s == null || s.isBlank())) {
            throw AwsException.badRequest("InvalidParameters", "Parameter \"commands\" is required by " + DOCUMENT);
        }
        return new LinkedHashMap<>(p);
    }

    private static int executionTimeout(Map<String, List<String>> parameters) {
        List<String> v = parameters.get("executionTimeout");
        if (v == null || v.isEmpty()) {
            return DEFAULT_EXECUTION_TIMEOUT;
        }
        try {
            int seconds = Integer.parseInt(v.get(0).trim());
            if (v.size() == 1 && seconds >= 1 && seconds <= MAX_EXECUTION_TIMEOUT) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AwsException.badRequest("InvalidParameters", "Parameter \"executionTimeout\" must be one whole number of seconds from 1 to "
                + MAX_EXECUTION_TIMEOUT + ", got " + v);
    }

    /** The listed instances: each must exist and not be terminated (SSM answers InvalidInstanceId otherwise). */
    private List<String> byIds(List<String> ids) {
        if (new LinkedHashSet<>(ids).size() != ids.size()) {
            throw AwsException.badRequest("DuplicateInstanceId", "an instance id is listed twice: " + ids);
        }
        List<String> invalid = new ArrayList<>();
        for (String id : ids) {
            try {
                if (gone(context.fleet().instance(id))) {
                    invalid.add(id);
                }
            } catch (FleetException e) {
                invalid.add(id);
            }
        }
        if (!invalid.isEmpty()) {
            throw AwsException.badRequest("InvalidInstanceId", "Instances " + invalid + " not in a valid state for account " + context.accountId());
        }
        return List.copyOf(ids);
    }

    private static boolean gone(InstanceView v) {
        return v.state() == InstanceState.TERMINATED || v.state() == InstanceState.SHUTTING_DOWN;
    }

    /** Instances every target matches (targets are ANDed, values within one ORed), in launch order. */
    private List<String> byTargets(List<Target> targets) {
        for (Target t : targets) {
            if (!t.key().equals("InstanceIds") && !t.key().equals("tag-key") && !t.key().startsWith("tag:")) {
                throw Checks.validation("Target key " + t.key() + " is not supported by spotsim: use InstanceIds, tag:<key> or tag-key");
            }
        }
        List<String> out = new ArrayList<>();
        for (InstanceView v : context.fleet().instances()) {
            if (!gone(v) && targets.stream().allMatch(t -> matches(t, v))) {
                out.add(v.instanceId());
            }
        }
        return out;
    }

    private static boolean matches(Target t, InstanceView v) {
        List<String> values = t.values() == null ? List.of() : t.values();
        Map<String, String> tags = InstanceTags.of(v);
        if (t.key().equals("InstanceIds")) {
            return values.contains(v.instanceId());
        }
        if (t.key().equals("tag-key")) {
            return values.stream().anyMatch(tags::containsKey);
        }
        if (t.key().startsWith("tag:")) {
            String value = tags.get(t.key().substring(4));
            return value != null && values.contains(value);
        }
        return false;
    }
}
