package dev.spotsim.simulator.aws.query;

import dev.spotsim.simulator.aws.Xml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiConsumer;

/**
 * Writes the XML of a query-protocol answer element by element, escaping every text. Absent
 * (null) members are left out, as AWS leaves out unset members. {@link QueryResponses} wraps it in
 * each protocol's envelope.
 */
public final class XmlWriter {
    /** AWS's XML timestamps: ISO 8601, UTC, milliseconds ({@code 2026-01-01T12:00:00.000Z}). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final StringBuilder out = new StringBuilder(512);
    private final Deque<String> open = new ArrayDeque<>();

    public XmlWriter() {
    }

    /** Opens {@code <name>}; close it with {@link #end()}. */
    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Opens the document's root element with its namespace. */
    public XmlWriter startRoot(String name, String namespace) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(name);
        if (namespace != null) {
            out.append(" xmlns=\"").append(Xml.escape(namespace)).append('"');
        }
        out.append('>');
        open.push(name);
        return this;
    }

    /** Closes the innermost open element. */
    public XmlWriter end() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no open element to end");
        }
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null. */
    public XmlWriter element(String name, String value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(Xml.escape(value)).append("</").append(name).append('>');
        }
        return this;
    }

    /** A number or boolean member; nothing when null. */
    public XmlWriter element(String name, Object value) {
        return element(name, value == null ? null : String.valueOf(value));
    }

    /** A timestamp member in AWS's XML format; nothing when null. */
    public XmlWriter timestamp(String name, Instant at) {
        return element(name, at == null ? null : format(at));
    }

    /** {@code <wrapper><item>..</item>...</wrapper>}: EC2's {@code xxxSet/item} and the query protocol's {@code Xxx/member}. */
    public <T> XmlWriter list(String wrapper, String itemName, Iterable<T> items, BiConsumer<XmlWriter, T> writeItem) {
        start(wrapper);
        for (T item : items) {
            start(itemName);
            writeItem.accept(this, item);
            end();
        }
        return end();
    }

    /** A list of scalars: {@code <wrapper><item>v</item>...</wrapper>}. */
    public XmlWriter values(String wrapper, String itemName, Iterable<String> values) {
        start(wrapper);
        values.forEach(v -> element(itemName, v));
        return end();
    }

    /** The document, every open element closed. */
    public String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    public static String format(Instant at) {
        return TIMESTAMP.format(at);
    }
}
