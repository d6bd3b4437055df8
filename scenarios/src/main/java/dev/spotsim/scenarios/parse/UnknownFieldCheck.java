package dev.spotsim.scenarios.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the first field that no record declares, before binding: Jackson reports unknown fields of
 * records only after their constructor ran, so a typo would otherwise surface as "x: required".
 */
final class UnknownFieldCheck {
    private UnknownFieldCheck() {
    }

    /** Walks the document as {@code type}; returns a message for the first unknown field, or null. */
    static String firstUnknownField(JsonParser p, Type type, String source) throws IOException {
        if (p.nextToken() == null) {
            return null;
        }
        return walk(p, type, "", source);
    }

    private static String walk(JsonParser p, Type type, String path, String source) throws IOException {
        Class<?> raw = rawClass(type);
        JsonToken token = p.currentToken();
        if (raw != null && raw.isRecord() && token == JsonToken.START_OBJECT) {
            Map<String, RecordComponent> fields = Arrays.stream(raw.getRecordComponents())
                    .collect(Collectors.toMap(RecordComponent::getName, c -> c));
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                RecordComponent field = fields.get(name);
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                if (field == null) {
                    return source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + fieldPath + ": unknown field \"" + name
                            + "\"; expected one of: " + fields.keySet().stream().sorted().collect(Collectors.joining(", "));
                }
                p.nextToken();
                String problem = walk(p, field.getGenericType(), fieldPath, source);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (raw != null && Collection.class.isAssignableFrom(raw) && token == JsonToken.START_ARRAY) {
            Type element = typeArgument(type, 0);
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                String problem = walk(p, element, path + "[" + i + "]", source);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (raw != null && Map.class.isAssignableFrom(raw) && token == JsonToken.START_OBJECT) {
            Type value = typeArgument(type, 1);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                String problem = walk(p, value, path + "." + key, source);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        p.skipChildren();
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType pt && pt.getActualTypeArguments().length > index) {
            return pt.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
