package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares an event with a golden shape: the same field names at every level (both ways), the same
 * nesting and JSON types, every array element shaped like the golden's first, and times in the
 * golden's layout. Values are examples and are not compared.
 */
final class JsonShape {
    private static final Pattern ISO_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final Pattern RFC_1123 = Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
            + "\\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
    /** Time layouts by field name, for text times; number times (Batch) must look like epoch milliseconds. */
    private static final Map<String, Pattern> TEXT_TIMES = Map.of(
            "time", ISO_SECONDS, "StartTime", ISO_SECONDS, "EndTime", ISO_SECONDS,
            "createdAt", ISO_MILLIS, "updatedAt", ISO_MILLIS,
            "startTime", RFC_1123, "endTime", RFC_1123);
    private static final List<String> NUMBER_TIMES = List.of("createdAt", "startedAt", "stoppedAt");

    private JsonShape() {
    }

    /** Every difference, one line each, named by its JSON path; empty when the shapes agree. */
    static List<String> differences(JsonNode golden, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(golden, actual, "$", out);
        return out;
    }

    private static void compare(JsonNode golden, JsonNode actual, String path, List<String> out) {
        if (actual == null) {
            out.add(path + ": missing");
            return;
        }
        if (golden.getNodeType() != actual.getNodeType()) {
            out.add(path + ": expected " + golden.getNodeType() + ", got " + actual.getNodeType());
            return;
        }
        String name = path.substring(path.lastIndexOf('.') + 1);
        if (golden.isObject()) {
            for (Iterator<String> it = golden.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                compare(golden.get(f), actual.get(f), path + "." + f, out);
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!golden.has(f)) {
                    out.add(path + "." + f + ": not in the AWS shape");
                }
            }
        } else if (golden.isArray() && !golden.isEmpty()) {
            if (actual.isEmpty()) {
                out.add(path + ": empty, the AWS shape has elements");
            }
            for (int i = 0; i < actual.size(); i++) {
                compare(golden.get(0), actual.get(i), path + "[" + i + "]", out);
            }
        } else if (golden.isTextual() && TEXT_TIMES.containsKey(name) && !TEXT_TIMES.get(name).matcher(actual.asText()).matches()) {
            out.add(path + ": \"" + actual.asText() + "\" is not in the layout of \"" + golden.asText() + "\"");
        } else if (golden.isNumber() && NUMBER_TIMES.contains(name) && !(actual.isIntegralNumber() && actual.asText().length() == 13)) {
            out.add(path + ": " + actual + " is not epoch milliseconds like " + golden);
        }
    }
}
