package dev.spotsim.simulator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A botocore service model (Debian's python3-botocore), used to check that every member spotsim
 * emits exists in AWS's model, with the model's type and, for enums, one of its values.
 */
public final class BotocoreModel {
    /** Where Debian's python3-botocore keeps the models. */
    public static final Path ROOT = Path.of("/usr/lib/python3/dist-packages/botocore/data");
    private final JsonNode model;
    private final JsonNode shapes;
    private final List<String> problems = new ArrayList<>();

    private BotocoreModel(JsonNode model) {
        this.model = model;
        this.shapes = model.get("shapes");
    }

    public static boolean installed() {
        return Files.isDirectory(ROOT.resolve("sqs"));
    }

    public static BotocoreModel load(String service, String version) {
        try {
            return new BotocoreModel(new ObjectMapper().readTree(ROOT.resolve(service).resolve(version).resolve("service-2.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What did not conform so far, one line each with the path of the member. */
    public List<String> problems() {
        return problems;
    }

    private JsonNode outputShape(String operation) {
        JsonNode op = model.path("operations").path(operation);
        if (op.isMissingNode()) {
            problems.add(operation + ": not an operation of the model");
            return null;
        }
        return op.path("output").path("shape").isMissingNode() ? null : shapes.get(op.path("output").path("shape").asText());
    }

    /** Checks a JSON-protocol answer of {@code operation}. */
    public void checkJson(String operation, String body) {
        JsonNode shape = outputShape(operation);
        try {
            JsonNode value = new ObjectMapper().readTree(body);
            if (shape == null) {
                if (!value.isEmpty()) {
                    problems.add(operation + ": the model has no output, got " + body);
                }
                return;
            }
            json(value, shape, operation);
        } catch (IOException e) {
            problems.add(operation + ": not JSON: " + body);
        }
    }

    private void json(JsonNode v, JsonNode shape, String path) {
        switch (shape.path("type").asText()) {
            case "structure" -> {
                if (!v.isObject()) {
                    problems.add(path + ": expected an object, got " + v);
                    return;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    JsonNode member = shape.path("members").get(f.getKey());
                    if (member == null) {
                        problems.add(path + "." + f.getKey() + ": not a member of the model's shape");
                    } else {
                        json(f.getValue(), shapes.get(member.get("shape").asText()), path + "." + f.getKey());
                    }
                }
            }
            case "list" -> {
                if (!v.isArray()) {
                    problems.add(path + ": expected a list, got " + v);
                    return;
                }
                JsonNode item = shapes.get(shape.path("member").path("shape").asText());
                for (int i = 0; i < v.size(); i++) {
                    json(v.get(i), item, path + "[" + i + "]");
                }
            }
            case "map" -> {
                if (!v.isObject()) {
                    problems.add(path + ": expected a map, got " + v);
                    return;
                }
                JsonNode value = shapes.get(shape.path("value").path("shape").asText());
                v.fields().forEachRemaining(f -> json(f.getValue(), value, path + "." + f.getKey()));
            }
            case "string", "blob" -> scalar(v.isTextual(), v.asText(), shape, path, v);
            case "integer", "long" -> scalar(v.isIntegralNumber(), v.asText(), shape, path, v);
            case "double", "float" -> scalar(v.isNumber(), v.asText(), shape, path, v);
            case "boolean" -> scalar(v.isBoolean(), v.asText(), shape, path, v);
            case "timestamp" -> scalar(v.isNumber(), v.asText(), shape, path, v);
            default -> problems.add(path + ": unknown shape type " + shape.path("type").asText());
        }
    }

    private void scalar(boolean typeOk, String text, JsonNode shape, String path, Object shown) {
        if (!typeOk) {
            problems.add(path + ": expected a " + shape.path("type").asText() + ", got " + shown);
            return;
        }
        if (shape.has("enum")) {
            boolean known = false;
            for (JsonNode e : shape.get("enum")) {
                known |= e.asText().equals(text);
            }
            if (!known) {
                problems.add(path + ": \"" + text + "\" is not one of " + shape.get("enum"));
            }
        }
    }

    /** Checks a query-protocol answer of {@code operation}: {@code <OpResponse><OpResult>} against the output shape. */
    public void checkXml(String operation, String body) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            root = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            problems.add(operation + ": not XML: " + body);
            return;
        }
        if (!root.getLocalName().equals(operation + "Response")) {
            problems.add(operation + ": root element " + root.getLocalName());
            return;
        }
        if (!model.path("metadata").path("xmlNamespace").asText().equals(root.getNamespaceURI())) {
            problems.add(operation + ": namespace " + root.getNamespaceURI());
        }
        JsonNode shape = outputShape(operation);
        for (Element c : children(root)) {
            if (c.getLocalName().equals(operation + "Result") && shape != null) {
                structureXml(c, shape, operation);
            } else if (!c.getLocalName().equals("ResponseMetadata")) {
                problems.add(operation + ": unexpected element " + c.getLocalName());
            }
        }
    }

    private void structureXml(Element e, JsonNode shape, String path) {
        for (Element c : children(e)) {
            String name = c.getLocalName();
            JsonNode member = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext() && member == null; ) {
                Map.Entry<String, JsonNode> m = it.next();
                if (xmlName(m.getKey(), m.getValue()).equals(name)) {
                    member = m.getValue();
                }
            }
            if (member == null) {
                problems.add(path + "." + name + ": not a member");
                continue;
            }
            JsonNode target = shapes.get(member.get("shape").asText());
            if (target.path("flattened").asBoolean()) {
                flattenedItem(c, target, path + "." + name);
            } else {
                xml(c, target, path + "." + name);
            }
        }
    }

    private String xmlName(String memberName, JsonNode member) {
        if (member.has("locationName")) {
            return member.get("locationName").asText();
        }
        JsonNode target = shapes.get(member.get("shape").asText());
        if (target.path("flattened").asBoolean()) {
            if (target.path("type").asText().equals("list") && target.path("member").has("locationName")) {
                return target.path("member").get("locationName").asText();
            }
            if (target.has("locationName")) {
                return target.get("locationName").asText();
            }
        }
        return memberName;
    }

    private void flattenedItem(Element c, JsonNode target, String path) {
        if (target.path("type").asText().equals("list")) {
            xml(c, shapes.get(target.path("member").path("shape").asText()), path);
        } else {
            mapEntry(c, target, path);
        }
    }

    private void mapEntry(Element entry, JsonNode map, String path) {
        String key = map.path("key").path("locationName").asText("key");
        String value = map.path("value").path("locationName").asText("value");
        for (Element c : children(entry)) {
            if (c.getLocalName().equals(key)) {
                xml(c, shapes.get(map.path("key").path("shape").asText()), path + "." + key);
            } else if (c.getLocalName().equals(value)) {
                xml(c, shapes.get(map.path("value").path("shape").asText()), path + "." + value);
            } else {
                problems.add(path + "." + c.getLocalName() + ": not " + key + " or " + value);
            }
        }
    }

    private void xml(Element e, JsonNode shape, String path) {
        switch (shape.path("type").asText()) {
            case "structure" -> structureXml(e, shape, path);
            case "list" -> {
                String item = shape.path("member").path("locationName").asText("member");
                for (Element c : children(e)) {
                    if (!c.getLocalName().equals(item)) {
                        problems.add(path + "." + c.getLocalName() + ": list items are <" + item + ">");
                    }
                    xml(c, shapes.get(shape.path("member").path("shape").asText()), path + "[]");
                }
            }
            case "map" -> children(e).forEach(c -> mapEntry(c, shape, path));
            default -> {
                if (!children(e).isEmpty()) {
                    problems.add(path + ": a " + shape.path("type").asText() + " with child elements");
                    return;
                }
                String text = e.getTextContent();
                boolean ok = switch (shape.path("type").asText()) {
                    case "integer", "long" -> text.matches("-?\\d+");
                    case "boolean" -> text.equals("true") || text.equals("false");
                    default -> true;
                };
                scalar(ok, text, shape, path, text);
            }
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
