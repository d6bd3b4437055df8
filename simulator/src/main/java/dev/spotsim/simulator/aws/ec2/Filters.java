package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.query.QueryParams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2's {@code Filter.N.Name}/{@code Filter.N.Value.M} for one kind of resource: filters AND
 * together, a filter's values OR, values may use {@code *} and {@code ?}, {@code tag:<key>} matches
 * a tag's value, and an unknown filter name is refused as EC2 refuses it.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html#Filtering_Resources_CLI
 */
final class Filters<T> {
    private final Map<String, Function<T, Collection<String>>> attributes = new LinkedHashMap<>();
    private Function<T, Map<String, String>> tags;

    /** A filter named {@code name} that matches any of the values {@code values} gives for a resource. */
    Filters<T> add(String name, Function<T, Collection<String>> values) {
        attributes.put(name, values);
        return this;
    }

    /** A filter with one value per resource (null: the resource has none and never matches). */
    Filters<T> one(String name, Function<T, String> value) {
        return add(name, t -> {
            String v = value.apply(t);
            return v == null ? List.of() : List.of(v);
        });
    }

    /** Enables {@code tag:<key>}, {@code tag-key} and {@code tag-value}. */
    Filters<T> tags(Function<T, Map<String, String>> tagsOf) {
        this.tags = tagsOf;
        return this;
    }

    /** The predicate of every filter in {@code params}; {@code InvalidParameterValue} for an unknown name. */
    Predicate<T> parse(QueryParams params) {
        List<Predicate<T>> all = new ArrayList<>();
        for (QueryParams f : params.structs("Filter")) {
            String name = f.required("Name");
            List<Pattern> values = f.list("Value").stream().map(Filters::glob).toList();
            Function<T, Collection<String>> valuesOf = filter(name, params);
            all.add(t -> matches(valuesOf.apply(t), values));
        }
        return t -> all.stream().allMatch(p -> p.test(t));
    }

    private Function<T, Collection<String>> filter(String name, QueryParams params) {
        if (tags != null && name.startsWith("tag:")) {
            String key = name.substring(4);
            return t -> {
                String v = tags.apply(t).get(key);
                return v == null ? List.of() : List.of(v);
            };
        }
        if (tags != null && name.equals("tag-key")) {
            return t -> tags.apply(t).keySet();
        }
        if (tags != null && name.equals("tag-value")) {
            return t -> tags.apply(t).values();
        }
        Function<T, Collection<String>> f = attributes.get(name);
        if (f == null) {
            throw params.errors().invalid("The filter '" + name + "' is invalid");
        }
        return f;
    }

    private static boolean matches(Collection<String> actual, List<Pattern> wanted) {
        for (String a : actual) {
            for (Pattern w : wanted) {
                if (w.matcher(a).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** EC2's wildcards: {@code *} any run, {@code ?} one character, {@code \} escapes them. */
    static Pattern glob(String value) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                re.append(Pattern.quote(String.valueOf(value.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
