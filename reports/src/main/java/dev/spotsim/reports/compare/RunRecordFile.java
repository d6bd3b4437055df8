package dev.spotsim.reports.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.render.RecordFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a run record written earlier (a run.json, or the run directory holding one) for comparison or as a baseline. */
public final class RunRecordFile {
    /** Larger than any run.json spotsim writes (per-second samples of a long run), smaller than a mistake. */
    private static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;

    private RunRecordFile() {
    }

    /** The record as a JSON tree; every failure is an {@link UnreadableRecordException} naming the file and what is wrong. */
    public static JsonNode read(Path given) {
        Path file = Files.isDirectory(given) ? given.resolve("run.json") : given;
        try {
            if (!Files.isRegularFile(file)) {
                throw new UnreadableRecordException(file + ": not found" + (Files.isDirectory(given) ? " (is " + given + " a run directory?)" : ""));
            }
            if (Files.size(file) > MAX_RECORD_BYTES) {
                throw new UnreadableRecordException(file + ": larger than " + MAX_RECORD_BYTES / (1024 * 1024) + " MiB, not a run record");
            }
            JsonNode tree = RecordFiles.json().readTree(file.toFile());
            if (tree == null || !tree.isObject() || !tree.path("measures").isObject()) {
                throw new UnreadableRecordException(file + ": not a spotsim run record (expected a JSON object with runId and measures)");
            }
            return tree;
        } catch (NoSuchFileException e) {
            throw new UnreadableRecordException(file + ": not found");
        } catch (JsonProcessingException e) {
            throw new UnreadableRecordException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableRecordException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The measures of a record, for relative SLOs ("<= baseline + 10%"). */
    public static Measures measures(Path given) {
        JsonNode tree = read(given);
        try {
            return RecordFiles.json().treeToValue(tree.path("measures"), Measures.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableRecordException(given + ": measures: not as spotsim writes them: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** A run record that cannot be used, with what to fix. */
    public static final class UnreadableRecordException extends IllegalArgumentException {
        public UnreadableRecordException(String message) {
            super(message);
        }
    }
}
