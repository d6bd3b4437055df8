package dev.spotsim.reports.render;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import java.time.Duration;
import java.util.Locale;

/**
 * JUnit XML for CI: one test suite per run, one test case per SLO; a broken SLO is a failure whose
 * message carries the measured value; a run without a verdict is an error case.
 */
public final class JunitXml {
    private JunitXml() {
    }

    public static String render(RunRecord run) {
        long failures = run.slos().stream().filter(r -> !r.holds()).count();
        boolean errored = run.exitCode() == 1;
        double seconds = Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"spotsim\" tests=\"").append(run.slos().size() + (errored ? 1 : 0))
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errored ? 1 : 0)
                .append("\" time=\"").append(time(seconds)).append("\">\n");
        x.append("  <testsuite name=\"").append(esc("spotsim." + run.scenario())).append("\" tests=\"")
                .append(run.slos().size() + (errored ? 1 : 0)).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errored ? 1 : 0).append("\" time=\"").append(time(seconds))
                .append("\" timestamp=\"").append(run.startedAt()).append("\">\n");
        x.append("    <properties>\n");
        property(x, "runId", run.runId());
        property(x, "seed", Long.toString(run.seed()));
        property(x, "target", run.target());
        property(x, "outcome", run.outcome());
        x.append("    </properties>\n");
        for (SloResult r : run.slos()) {
            x.append("    <testcase classname=\"").append(esc("spotsim." + run.scenario() + ".slos")).append("\" name=\"")
                    .append(esc(r.key() + " " + r.condition())).append("\" time=\"0\"");
            if (r.holds()) {
                x.append("/>\n");
            } else {
                x.append(">\n      <failure type=\"").append(r.noData() ? "NoData" : "SloBroken").append("\" message=\"").append(esc(r.message())).append("\">")
                        .append(esc(r.message())).append("</failure>\n    </testcase>\n");
            }
        }
        if (errored) {
            x.append("    <testcase classname=\"").append(esc("spotsim." + run.scenario())).append("\" name=\"run\" time=\"")
                    .append(time(seconds)).append("\">\n      <error type=\"NoVerdict\" message=\"")
                    .append(esc(run.error() == null ? "the run could not produce a verdict" : run.error())).append("\"/>\n    </testcase>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("      <property name=\"").append(esc(name)).append("\" value=\"").append(esc(value == null ? "" : value)).append("\"/>\n");
    }

    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
