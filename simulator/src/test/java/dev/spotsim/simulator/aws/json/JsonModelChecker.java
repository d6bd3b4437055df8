package dev.spotsim.simulator.aws.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a JSON answer against a botocore service model: every member it writes must be one the
 * model names, with the model's type (JSON protocols write timestamps as epoch seconds), enum values
 * from the model's set. Debian's python3-botocore installs the models.
 */
final class JsonModelChecker {
    static final Path BOTOCORE = Path.of("/usr/lib/python3/dist-packages/botocore/data");
    private final JsonNode shapes;
    private final JsonNode operations;
    /** Members newer than the installed model, by shape: they are in the current AWS API reference. */
    private final Map<String, Set<String>> newerMembers;

    private JsonModelChecker(JsonNode model, Map<String, Set<String>> newerMembers) {
        this.shapes = model.path("shapes");
        this.operations = model.path("operations");
        this.newerMembers = newerMembers;
    }

    /** The checker for {@code service}'s newest installed model, or null when botocore is not installed. */
    static JsonModelChecker load(String service, Map<String, Set<String>> newerMembers) throws IOException {
        Path dir = BOTOCORE.resolve(service);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Path version;
        try (Stream<Path> versions = Files.list(dir)) {
            version = versions.sorted().reduce((a, b) -> b).orElseThrow();
        }
        return new JsonModelChecker(new ObjectMapper().readTree(version.resolve("service-2.json").toFile()), newerMembers);
    }

    boolean knows(String operation) {
        return operations.has(operation);
    }

    /** Problems with {@code answer} as the output of {@code operation}; empty when it conforms. */
    List<String> check(String operation, JsonNode answer) {
        List<String> problems = new ArrayList<>();
        JsonNode op = operations.path(operation);
        if (op.isMissingNode()) {
            problems.add(operation + ": not in the model");
            return problems;
        }
        String output = op.path("output").path("shape").asText(null);
        if (output == null) {
            if (answer.size() > 0) {
                problems.add(operation + ": the model has no output, the answer has " + answer);
            }
            return problems;
        }
        check(answer, output, operation, problems);
        return problems;
    }

    private void check(JsonNode node, String shapeName, String path, List<String> problems) {
        JsonNode shape = shapes.path(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                if (!node.isObject()) {
                    problems.add(path + ": expected an object (" + shapeName + "), got " + node.getNodeType());
                    return;
                }
                node.fields().forEachRemaining(f -> {
                    JsonNode member = shape.path("members").path(f.getKey());
                    if (member.isMissingNode()) {
                        if (!newerMembers.getOrDefault(shapeName, Set.of()).contains(f.getKey())) {
                            problems.add(path + "." + f.getKey() + ": " + shapeName + " has no such member");
                        }
                        return;
                    }
                    check(f.getValue(), member.path("shape").asText(), path + "." + f.getKey(), problems);
                });
            }
            case "list" -> {
                if (!node.isArray()) {
                    problems.add(path + ": expected a list, got " + node.getNodeType());
                    return;
                }
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), shape.path("member").path("shape").asText(), path + "[" + i + "]", problems);
                }
            }
            case "map" -> {
                if (!node.isObject()) {
                    problems.add(path + ": expected a map, got " + node.getNodeType());
                    return;
                }
                node.fields().forEachRemaining(f -> check(f.getValue(), shape.path("value").path("shape").asText(), path + "." + f.getKey(), problems));
            }
            case "string" -> {
                if (!node.isTextual()) {
                    problems.add(path + ": expected a string, got " + node.getNodeType());
                } else if (shape.has("enum") && !contains(shape.path("enum"), node.asText())) {
                    problems.add(path + ": " + node.asText() + " is not in " + shapeName + "'s enum " + shape.path("enum"));
                } else if (shape.has("max") && node.asText().length() > shape.path("max").asInt()) {
                    problems.add(path + ": longer than " + shapeName + "'s max " + shape.path("max").asInt());
                }
            }
            case "integer", "long" -> {
                if (!node.isIntegralNumber()) {
                    problems.add(path + ": expected an integer, got " + node);
                }
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    problems.add(path + ": expected a boolean, got " + node);
                }
            }
            case "timestamp" -> {
                if (!node.isNumber()) {
                    problems.add(path + ": expected epoch seconds, got " + node);
                }
            }
            default -> problems.add(path + ": unchecked model type " + type);
        }
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
