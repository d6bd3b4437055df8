package dev.spotsim.simulator.aws.eventbridge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The rules of every region's default event bus, by region and name. */
final class Rules {
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();

    private static String key(String region, String name) {
        return region + "/" + name;
    }

    Rule get(String region, String name) {
        return rules.get(key(region, name));
    }

    /** Removes every rule (the simulator's global reset); returns how many there were. */
    int clear() {
        int count = rules.size();
        rules.clear();
        return count;
    }

    void put(Rule rule) {
        rules.put(key(rule.region(), rule.name()), rule);
    }

    /** Applies {@code change} to the rule atomically; null when there is no such rule. */
    Rule update(String region, String name, UnaryOperator<Rule> change) {
        return rules.computeIfPresent(key(region, name), (k, r) -> change.apply(r));
    }

    void remove(String region, String name) {
        rules.remove(key(region, name));
    }

    /** Rules of a region with the name prefix, in name order. */
    List<Rule> list(String region, String prefix) {
        List<Rule> out = new ArrayList<>();
        rules.values().forEach(r -> {
            if (r.region().equals(region) && (prefix == null || r.name().startsWith(prefix))) {
                out.add(r);
            }
        });
        out.sort(Comparator.comparing(Rule::name));
        return out;
    }

    List<Rule> all() {
        return List.copyOf(rules.values());
    }
}
