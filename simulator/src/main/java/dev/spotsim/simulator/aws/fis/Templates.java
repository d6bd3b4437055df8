package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.fis.FisShapes.Action;
import dev.spotsim.simulator.aws.fis.FisShapes.CreateTemplateInput;
import dev.spotsim.simulator.aws.fis.FisShapes.Target;
import dev.spotsim.simulator.aws.fis.FisShapes.Template;
import dev.spotsim.simulator.aws.fis.FisShapes.UpdateTemplateInput;
import dev.spotsim.simulator.aws.json.Checks;
import dev.spotsim.simulator.clock.SimClock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiment templates: create (idempotent by clientToken), get, list, update, delete. Every
 * stored template has passed {@link TemplateChecks}.
 */
final class Templates {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SimClock clock;
    private final String accountId;
    private final Map<String, Template> byId = new LinkedHashMap<>();
    private final Map<String, String> byClientToken = new LinkedHashMap<>();

    /** Removes every template (the simulator's global reset); returns how many there were. */
    synchronized int clear() {
        int count = byId.size();
        byId.clear();
        byClientToken.clear();
        return count;
    }

    Templates(SimClock clock, String accountId) {
        this.clock = clock;
        this.accountId = accountId;
    }

    /** FIS ids: a three-letter prefix and random letters and digits, e.g. EXTa1B2c3D4e5F6g7. */
    static String newId(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 14; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    String arn(String region, String kind, String id) {
        return "arn:aws:fis:" + region + ":" + accountId + ":" + kind + "/" + id;
    }

    synchronized Template create(CreateTemplateInput in, String region) {
        new Checks().required("clientToken", in.clientToken()).length("clientToken", in.clientToken(), 1, 1024).orThrow();
        String known = byClientToken.get(in.clientToken());
        if (known != null && byId.containsKey(known)) {
            return byId.get(known);
        }
        Map<String, Action> actions = in.actions() == null ? null : new LinkedHashMap<>(in.actions());
        TemplateChecks.check(in.description(), in.stopConditions(), in.targets(), actions, in.roleArn(), in.tags());
        String id = newId("EXT");
        Template t = new Template(id, arn(region, "experiment-template", id), in.description(), copy(in.targets()), actions,
                List.copyOf(in.stopConditions()), clock.now(), clock.now(), in.roleArn(), in.tags() == null ? Map.of() : Map.copyOf(in.tags()));
        byId.put(id, t);
        byClientToken.put(in.clientToken(), id);
        return t;
    }

    synchronized Template get(String id) {
        Template t = byId.get(id);
        if (t == null) {
            throw new AwsException(404, "ResourceNotFoundException", "Experiment template " + id + " not found.");
        }
        return t;
    }

    synchronized List<Template> all() {
        return new ArrayList<>(byId.values());
    }

    /**
     * Replaces what the update names: description, role, stop conditions; targets and actions by name.
     * An entry without a resourceType (target) or actionId (action), e.g. {@code "pause": {}}, removes it.
     */
    synchronized Template update(String id, UpdateTemplateInput in) {
        Template t = get(id);
        Map<String, Target> targets = new LinkedHashMap<>(t.targets());
        if (in.targets() != null) {
            in.targets().forEach((name, target) -> {
                if (target == null || target.resourceType() == null) {
                    targets.remove(name);
                } else {
                    targets.put(name, target);
                }
            });
        }
        Map<String, Action> actions = new LinkedHashMap<>(t.actions());
        if (in.actions() != null) {
            in.actions().forEach((name, a) -> {
                if (a == null || a.actionId() == null) {
                    actions.remove(name);
                } else {
                    actions.put(name, a);
                }
            });
        }
        String description = in.description() != null ? in.description() : t.description();
        String role = in.roleArn() != null ? in.roleArn() : t.roleArn();
        var stops = in.stopConditions() != null ? List.copyOf(in.stopConditions()) : t.stopConditions();
        TemplateChecks.check(description, stops, targets, actions, role, t.tags());
        Template updated = new Template(id, t.arn(), description, targets, actions, stops, t.creationTime(), clock.now(), role, t.tags());
        byId.put(id, updated);
        return updated;
    }

    synchronized Template delete(String id) {
        Template t = get(id);
        byId.remove(id);
        return t;
    }

    private static Map<String, Target> copy(Map<String, Target> targets) {
        return targets == null ? Map.of() : new LinkedHashMap<>(targets);
    }
}
