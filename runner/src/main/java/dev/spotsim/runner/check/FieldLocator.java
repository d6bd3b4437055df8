package dev.spotsim.runner.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a field of a scenario file is written ("workload.stopTimeout" at 14:3), so a finding about a field
 * points at its line; a field left to its default points at the nearest enclosing field that is written.
 */
public final class FieldLocator {
    private final Map<String, JsonLocation> positions;

    private FieldLocator(Map<String, JsonLocation> positions) {
        this.positions = positions;
    }

    /** Reads the field names of {@code text} (YAML, or JSON when {@code isJson}); unreadable text locates nothing. */
    public static FieldLocator of(String text, boolean isJson) {
        Map<String, JsonLocation> positions = new HashMap<>();
        JsonFactory factory = isJson ? new JsonFactory() : new YAMLFactory();
        try (JsonParser parser = factory.createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    positions.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The scenario was read before a finding exists; a file that changed meanwhile just loses its positions.
        }
        return new FieldLocator(positions);
    }

    /**
     * "line:col" of {@code field} ("workload.container.image", "interruptions[0].notice"), or of its nearest written
     * parent; null when no part of it is written.
     */
    public String lineAndColumn(String field) {
        String pointer = toPointer(field);
        while (!pointer.isEmpty()) {
            JsonLocation at = positions.get(pointer);
            if (at != null) {
                return at.getLineNr() + ":" + at.getColumnNr();
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return null;
    }

    /** "interruptions[0].notice" as the JSON pointer "/interruptions/0/notice". */
    static String toPointer(String field) {
        StringBuilder pointer = new StringBuilder();
        for (String part : field.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }
}
