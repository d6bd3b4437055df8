package dev.spotsim.simulator.aws.query;

import dev.spotsim.simulator.aws.AwsRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flattened parameters of a query-protocol call, read the way AWS serializes them: scalars by
 * name, lists as {@code InstanceId.1}, {@code InstanceId.2} (EC2) or {@code InstanceIds.member.1}
 * (pass the prefix with {@code .member}), structures in lists as {@code Filter.1.Name} /
 * {@code Filter.1.Value.1}, maps as {@code Attribute.1.Name}/{@code Attribute.1.Value} or
 * {@code Attributes.entry.1.key}. A bad value answers the service's own error code.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#query-key-resolution
 */
public final class QueryParams {
    private final Map<String, String> params;
    private final ParamErrors errors;
    private final String context;

    private QueryParams(Map<String, String> params, ParamErrors errors, String context) {
        this.params = params;
        this.errors = errors;
        this.context = context;
    }

    /** The parameters of {@code request}; bad ones answer {@code errors}' codes. */
    public static QueryParams of(AwsRequest request, ParamErrors errors) {
        return of(request.params(), errors);
    }

    public static QueryParams of(Map<String, String> params, ParamErrors errors) {
        return new QueryParams(Map.copyOf(params), errors, "");
    }

    public ParamErrors errors() {
        return errors;
    }

    /** True when the parameter, or any list/structure under it, was sent. */
    public boolean has(String name) {
        if (params.containsKey(name)) {
            return true;
        }
        String prefix = name + ".";
        return params.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** A scalar, or null when absent. */
    public String string(String name) {
        return params.get(name);
    }

    public String string(String name, String fallback) {
        String v = params.get(name);
        return v == null ? fallback : v;
    }

    /** A scalar that must be present and not empty. */
    public String required(String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw errors.missing(context + name);
        }
        return v;
    }

    /** An integer, or null when absent; {@code min}..{@code max} inclusive. */
    public Integer integer(String name, int min, int max) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw errors.invalid("Invalid value '" + v + "' for " + context + name + ": expected an integer");
        }
        if (n < min || n > max) {
            throw errors.invalid("Value (" + n + ") for parameter " + context + name + " is invalid. Expected a value between " + min + " and " + max + ".");
        }
        return n;
    }

    /** A boolean ("true"/"false", any case), or null when absent. */
    public Boolean bool(String name) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw errors.invalid("Invalid value '" + v + "' for " + context + name + ": expected true or false");
    }

    /** A value that must be one of {@code allowed} (exact case, as AWS compares enums), or null when absent. */
    public String oneOf(String name, List<String> allowed) {
        String v = params.get(name);
        if (v != null && !allowed.contains(v)) {
            throw errors.invalid("Invalid value '" + v + "' for " + context + name + ": expected one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** A list of scalars: {@code prefix.1}, {@code prefix.2}, ... in index order ("InstanceId", "InstanceIds.member"). */
    public List<String> list(String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)");
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            Matcher m = p.matcher(e.getKey());
            if (m.matches()) {
                byIndex.put(index(m.group(1), e.getKey()), e.getValue());
            }
        }
        return List.copyOf(byIndex.values());
    }

    /** A list of structures: {@code prefix.N.Member...}, each as its own params without the {@code prefix.N.} part. */
    public List<QueryParams> structs(String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\.(.+)");
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            Matcher m = p.matcher(e.getKey());
            if (m.matches()) {
                byIndex.computeIfAbsent(index(m.group(1), e.getKey()), i -> new LinkedHashMap<>()).put(m.group(2), e.getValue());
            }
        }
        List<QueryParams> out = new ArrayList<>();
        byIndex.forEach((i, sub) -> out.add(new QueryParams(Map.copyOf(sub), errors, context + prefix + "." + i + ".")));
        return out;
    }

    /** A map sent as a list of key/value structures, e.g. {@code map("Attribute", "Name", "Value")}, in index order. */
    public Map<String, String> map(String prefix, String keyMember, String valueMember) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryParams entry : structs(prefix)) {
            out.put(entry.required(keyMember), entry.string(valueMember, ""));
        }
        return out;
    }

    /** The structure under {@code prefix.} (a nested, non-list member), possibly empty. */
    public QueryParams struct(String prefix) {
        String dotted = prefix + ".";
        Map<String, String> sub = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(dotted)) {
                sub.put(k.substring(dotted.length()), v);
            }
        });
        return new QueryParams(Map.copyOf(sub), errors, context + dotted);
    }

    private int index(String digits, String key) {
        try {
            int i = Integer.parseInt(digits);
            if (i >= 1) {
                return i;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw errors.invalid("Invalid list index in parameter " + context + key + ": indexes start at 1");
    }
}
