package dev.spotsim.reports.render.html;

import dev.spotsim.reports.render.html.Buckets.Bucket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The charted buckets as JSON inside the page, for the optional hover script (a cursor across all
 * charts and a box with the second's figures). The charts never need it: they are drawn already.
 */
public final class CursorData {
    private CursorData() {
    }

    /** A {@code <script type="application/json">} element; its strings cannot close the element (see {@link #string}). */
    public static String element(List<Bucket> buckets, double span) {
        StringBuilder json = new StringBuilder("{\"width\":").append(Html.px(TimeChart.WIDTH)).append(",\"left\":").append(Html.px(TimeChart.LEFT))
                .append(",\"right\":").append(Html.px(TimeChart.WIDTH - TimeChart.RIGHT)).append(",\"span\":").append(Html.num(span, 3))
                .append(",\"buckets\":[");
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            json.append(i == 0 ? "" : ",").append('[').append(b.from()).append(',').append(b.to()).append(',')
                    .append(number(b.requestsPerSecond())).append(',').append(number(b.failurePercent())).append(',')
                    .append(number(b.p50Millis())).append(',').append(number(b.p95Millis())).append(',').append(number(b.p99Millis()))
                    .append(',').append(b.minHealthy()).append(',').append(b.desired()).append(',').append(string(b.phase())).append(',')
                    .append(string(causes(b.failuresByCause()))).append(']');
        }
        return "<script type=\"application/json\" id=\"cursor-data\">" + json.append("]}") + "</script>\n";
    }

    private static String causes(Map<String, Long> byCause) {
        return byCause.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : Html.num(v, 2);
    }

    /** A JSON string in which {@code <}, {@code >} and {@code &} are escaped too, so {@code </script>} cannot appear. */
    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
