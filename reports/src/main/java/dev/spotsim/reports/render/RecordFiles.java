package dev.spotsim.reports.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spotsim.reports.compare.RunComparison;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a run's record into its directory: {@code run.json}, {@code seconds.csv}, {@code junit.xml},
 * {@code summary.md}, {@code report.html}. Each file is written to a temporary name and moved into place, so a reader
 * (or a Ctrl-C) never sees half a file.
 */
public final class RecordFiles {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RecordFiles() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** Writes every record file into {@code dir} (created if needed). */
    public static void write(Path dir, RunRecord run) {
        write(dir, run, null);
    }

    /**
     * Writes every record file into {@code dir}; with a {@code baseline} comparison the report and the summary show
     * the run beside it.
     */
    public static void write(Path dir, RunRecord run, RunComparison baseline) {
        try {
            Files.createDirectories(dir);
            atomically(dir.resolve("run.json"), JSON.writeValueAsString(run));
            atomically(dir.resolve("seconds.csv"), secondsCsv(run));
            atomically(dir.resolve("junit.xml"), JunitXml.render(run));
            atomically(dir.resolve("summary.md"), MarkdownSummary.render(run)
                    + (baseline == null ? "" : dev.spotsim.reports.render.html.BaselineTable.markdown(baseline)));
            atomically(dir.resolve("report.html"), HtmlReport.render(run, baseline));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to a temporary sibling, then moves it over {@code target}. */
    public static void atomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String secondsCsv(RunRecord run) {
        TreeSet<String> causes = new TreeSet<>();
        run.seconds().forEach(s -> causes.addAll(s.failuresByCause().keySet()));
        StringBuilder csv = new StringBuilder("second,phase,requests,failures,p50_ms,p95_ms,p99_ms,healthy_capacity,desired_capacity");
        causes.forEach(c -> csv.append(",failures_").append(c));
        csv.append('\n');
        for (SecondSample s : run.seconds()) {
            csv.append(s.second()).append(',').append(s.phase()).append(',').append(s.requests()).append(',').append(s.failures())
                    .append(String.format(Locale.ROOT, ",%.2f,%.2f,%.2f", s.p50Millis(), s.p95Millis(), s.p99Millis()))
                    .append(',').append(s.healthyCapacity()).append(',').append(s.desiredCapacity());
            Map<String, Integer> byCause = s.failuresByCause();
            causes.forEach(c -> csv.append(',').append(byCause.getOrDefault(c, 0)));
            csv.append('\n');
        }
        return csv.toString();
    }
}
