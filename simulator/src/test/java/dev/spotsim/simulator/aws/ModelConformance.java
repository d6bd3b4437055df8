package dev.spotsim.simulator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks an XML answer against botocore's service model: every element is a member the output
 * shape names (by its {@code locationName}), required members are there, lists use the model's
 * item names, and scalars have the model's type and enum values. Returns the violations found.
 */
public final class ModelConformance {
    /** Where Debian's python3-botocore keeps the models. */
    public static final Path BOTOCORE = Path.of("/usr/lib/python3/dist-packages/botocore/data");
    private final JsonNode model;
    private final JsonNode shapes;
    private final boolean ec2;

    private ModelConformance(JsonNode model) {
        this.model = model;
        this.shapes = model.get("shapes");
        this.ec2 = model.get("metadata").get("protocol").asText().equals("ec2");
    }

    public static ModelConformance load(String service, String version) throws IOException {
        return new ModelConformance(new ObjectMapper().readTree(Files.readString(BOTOCORE.resolve(service).resolve(version).resolve("service-2.json"))));
    }

    public String namespace() {
        return model.get("metadata").get("xmlNamespace").asText();
    }

    /** The violations of {@code xml}, the answer to {@code operation}; empty when it conforms. */
    public List<String> check(String operation, String xml) throws Exception {
        List<String> problems = new ArrayList<>();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        if (!root.getLocalName().equals(operation + "Response")) {
            problems.add(operation + ": root is " + root.getLocalName());
        }
        String ns = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        if (!ns.replaceAll("/$", "").equals(namespace().replaceAll("/$", ""))) {
            problems.add(operation + ": namespace " + ns + ", model says " + namespace());
        }
        JsonNode op = model.get("operations").get(operation);
        JsonNode output = op.get("output");
        if (ec2) {
            Set<String> extra = Set.of("requestId", "return");
            if (output == null) {
                children(root).stream().filter(c -> !extra.contains(c.getLocalName()))
                        .forEach(c -> problems.add(operation + ": unexpected " + c.getLocalName()));
            } else {
                structure(operation, root, output.get("shape").asText(), extra, problems);
            }
            return problems;
        }
        Element result = child(root, operation + "Result");
        if (output == null || output.get("resultWrapper") == null) {
            if (result != null && output == null) {
                problems.add(operation + ": has no output in the model but answers " + operation + "Result");
            }
        } else if (result == null) {
            problems.add(operation + ": missing " + operation + "Result");
        } else {
            structure(operation, result, output.get("shape").asText(), Set.of(), problems);
        }
        if (child(root, "ResponseMetadata") == null || child(child(root, "ResponseMetadata"), "RequestId") == null) {
            problems.add(operation + ": missing ResponseMetadata/RequestId");
        }
        return problems;
    }

    private void structure(String path, Element e, String shapeName, Set<String> allowedExtra, List<String> problems) {
        JsonNode shape = shapes.get(shapeName);
        JsonNode members = shape.get("members");
        Set<String> seen = new HashSet<>();
        for (Element c : children(e)) {
            String name = c.getLocalName();
            String member = memberByXmlName(members, name);
            if (member == null) {
                if (!allowedExtra.contains(name)) {
                    problems.add(path + ": " + name + " is not a member of " + shapeName);
                }
                continue;
            }
            if (!seen.add(name)) {
                problems.add(path + ": " + name + " appears twice");
            }
            value(path + "/" + name, c, members.get(member).get("shape").asText(), problems);
        }
        JsonNode required = shape.get("required");
        if (required != null) {
            for (JsonNode r : required) {
                if (!seen.contains(xmlName(members.get(r.asText()), r.asText()))) {
                    problems.add(path + ": required member " + r.asText() + " of " + shapeName + " is missing");
                }
            }
        }
    }

    private void value(String path, Element e, String shapeName, List<String> problems) {
        JsonNode shape = shapes.get(shapeName);
        String type = shape.get("type").asText();
        String text = e.getTextContent();
        switch (type) {
            case "structure" -> structure(path, e, shapeName, Set.of(), problems);
            case "list" -> {
                JsonNode member = shape.get("member");
                String item = member.has("locationName") ? member.get("locationName").asText() : "member";
                for (Element c : children(e)) {
                    if (!c.getLocalName().equals(item)) {
                        problems.add(path + ": list item " + c.getLocalName() + ", model says " + item);
                    }
                    value(path + "/" + item, c, member.get("shape").asText(), problems);
                }
            }
            case "integer", "long" -> {
                if (!text.matches("-?\\d+")) {
                    problems.add(path + ": " + type + " expected, got " + text);
                }
            }
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    problems.add(path + ": boolean expected, got " + text);
                }
            }
            case "double", "float" -> {
                if (!text.matches("-?\\d+(\\.\\d+)?")) {
                    problems.add(path + ": number expected, got " + text);
                }
            }
            case "timestamp" -> {
                try {
                    OffsetDateTime.parse(text);
                } catch (RuntimeException ex) {
                    problems.add(path + ": ISO 8601 timestamp expected, got " + text);
                }
            }
            default -> {
                if (shape.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    shape.get("enum").forEach(v -> allowed.add(v.asText()));
                    if (!allowed.contains(text)) {
                        problems.add(path + ": " + text + " is not one of " + shapeName + " " + allowed);
                    }
                }
            }
        }
    }

    private String memberByXmlName(JsonNode members, String xmlName) {
        var it = members.fields();
        while (it.hasNext()) {
            var m = it.next();
            if (xmlName(m.getValue(), m.getKey()).equals(xmlName)) {
                return m.getKey();
            }
        }
        return null;
    }

    private static String xmlName(JsonNode member, String name) {
        return member.has("locationName") ? member.get("locationName").asText() : name;
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

    private static Element child(Element e, String name) {
        return children(e).stream().filter(c -> c.getLocalName().equals(name)).findFirst().orElse(null);
    }
}
