package dev.spotsim.simulator.imds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The exact text shapes IMDS answers with: second-precision UTC times, pretty JSON documents, event lists. */
final class MetadataFormats {
    /** Maintenance events use this layout, e.g. "21 Jan 2019 09:00:43 GMT". */
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetadataFormats() {
    }

    /** ISO-8601 UTC to the second, "2026-01-01T12:02:00Z", as in spot/instance-action. */
    static String isoSeconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String eventTime(Instant t) {
        return EVENT_TIME.format(t);
    }

    /** A JSON document the way IMDS pretty-prints it ({@code "Key" : "value"}, two-space indent). */
    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }

    static String maintenance(List<MaintenanceEvent> events) {
        if (events.isEmpty()) {
            return "[]";
        }
        return pretty(events.stream().map(MetadataFormats::maintenanceEntry).toList());
    }

    private static Map<String, String> maintenanceEntry(MaintenanceEvent e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NotBefore", eventTime(e.notBefore()));
        m.put("Code", e.code());
        m.put("Description", e.state() == MaintenanceEvent.State.COMPLETED ? "[Completed] " + e.description()
                : e.state() == MaintenanceEvent.State.CANCELED ? "[Canceled] " + e.description() : e.description());
        m.put("EventId", e.eventId());
        m.put("NotAfter", eventTime(e.notAfter()));
        m.put("NotBeforeDeadline", eventTime(e.notBeforeDeadline()));
        m.put("State", e.state().wireName());
        return m;
    }
}
