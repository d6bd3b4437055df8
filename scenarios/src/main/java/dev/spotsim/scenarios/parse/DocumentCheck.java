package dev.spotsim.scenarios.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * What a YAML or JSON document may hold before it is bound: one document, no key twice in a mapping
 * (YAML's last-wins silently dropped a whole {@code slos:} block), finite numbers, and a bounded
 * nesting depth. Finds the first violation in one streaming pass.
 */
final class DocumentCheck {
    /** No scenario, config or request body of ours nests deeper. */
    static final int MAX_DEPTH = 32;

    /** One open mapping or list: its field path, and for a mapping where each key was first seen. */
    private record Frame(String path, Map<String, JsonLocation> keys, int[] index) {
    }

    private DocumentCheck() {
    }

    /** Reads the whole document from {@code p}; returns a message for the first problem, or null. */
    static String firstProblem(JsonParser p, String source) throws IOException {
        Deque<Frame> open = new ArrayDeque<>();
        String pendingKey = null;
        boolean rootDone = false;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            JsonLocation at = p.currentTokenLocation();
            if (rootDone) {
                return where(source, at) + "a second document or trailing content; a file holds exactly one "
                        + "(remove the extra \"---\" and what follows)";
            }
            switch (t) {
                case FIELD_NAME -> {
                    String key = p.currentName();
                    JsonLocation first = open.peek().keys().putIfAbsent(key, at);
                    if (first != null) {
                        return where(source, at) + path(open.peek().path(), key) + ": duplicate key \"" + key
                                + "\"; it is already at " + source + ":" + first.getLineNr() + ":" + first.getColumnNr();
                    }
                    pendingKey = key;
                    continue;
                }
                case START_OBJECT, START_ARRAY -> {
                    String path = childPath(open, pendingKey);
                    if (open.size() >= MAX_DEPTH) {
                        return where(source, at) + path + ": nested deeper than " + MAX_DEPTH + " levels";
                    }
                    open.push(new Frame(path, t == JsonToken.START_OBJECT ? new HashMap<>() : null, new int[] {0}));
                }
                case END_OBJECT, END_ARRAY -> {
                    open.pop();
                    advance(open);
                }
                case VALUE_NUMBER_FLOAT -> {
                    double d = p.getDoubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        return where(source, at) + childPath(open, pendingKey) + ": expected a finite number, got " + p.getText();
                    }
                    advance(open);
                }
                default -> advance(open);
            }
            pendingKey = null;
            rootDone = open.isEmpty();
        }
        return null;
    }

    /** A value inside a list moves the list to its next index. */
    private static void advance(Deque<Frame> open) {
        Frame f = open.peek();
        if (f != null && f.keys() == null) {
            f.index()[0]++;
        }
    }

    private static String childPath(Deque<Frame> open, String key) {
        Frame f = open.peek();
        if (f == null) {
            return "";
        }
        return f.keys() == null ? f.path() + "[" + f.index()[0] + "]" : path(f.path(), key);
    }

    private static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String where(String source, JsonLocation at) {
        return source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": ";
    }
}
