package dev.spotsim.gatling.figures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Figures as text: JSON (the file {@code spotsim load --out} writes), and one output line for SSM Run
 * Command, {@code spotsim-load-figures <base64 of gzipped JSON>}. SSM keeps only the first 24,000
 * characters of a command's output inline, so the line is squeezed to fit: windows of 2, 4, 8...
 * seconds until it does (counts and histograms stay exact; only time resolution is lost).
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
 */
public final class FiguresCodec {
    public static final String LINE_PREFIX = "spotsim-load-figures ";
    /** What the figures line may take of SSM's 24,000 inline characters, leaving room for a summary line and a few log lines. */
    public static final int SSM_LINE_BUDGET = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private FiguresCodec() {
    }

    public static String toJson(LoadFigures figures, boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures) : JSON.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@link #toJson}'s text; {@code source} names it in the error. */
    public static LoadFigures fromJson(String json, String source) {
        try {
            return JSON.readValue(json, LoadFigures.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not spotsim load figures: " + e.getMessage(), e);
        }
    }

    /** The output line, squeezed into {@code budget} characters. */
    public static String line(LoadFigures figures, int budget) {
        LoadFigures squeezed = figures;
        while (true) {
            String line = LINE_PREFIX + gzipBase64(toJson(squeezed, false));
            if (line.length() <= budget) {
                return line;
            }
            if (squeezed.windows().size() <= 1) {
                throw new IllegalStateException("load figures do not fit in " + budget + " characters even as one window");
            }
            squeezed = Rebucketing.coarsen(figures, squeezed.windowSeconds() * 2);
        }
    }

    /** The last figures line in a command's output, if any; a malformed one is an error naming {@code source}. */
    public static Optional<LoadFigures> fromOutput(String output, String source) {
        if (output == null) {
            return Optional.empty();
        }
        List<String> lines = output.lines().filter(l -> l.startsWith(LINE_PREFIX)).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String encoded = lines.get(lines.size() - 1).substring(LINE_PREFIX.length()).trim();
        try {
            return Optional.of(fromJson(gunzipBase64(encoded), source));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": a " + LINE_PREFIX.trim() + " line that cannot be read ("
                    + e.getMessage() + "); was the output cut at SSM's 24,000 characters?", e);
        }
    }

    private static String gzipBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String gunzipBase64(String encoded) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
