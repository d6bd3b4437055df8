package dev.spotsim.gatling.figures;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms in microseconds, and their text form: HdrHistogram's compressed encoding in
 * base64 (the "HISTF..." strings HdrHistogram's own log format uses), which any HdrHistogram port can read.
 */
public final class Latencies {
    /** Two significant digits: within 1%, and small encodings (figures travel in SSM's 24,000-character output). */
    static final int DIGITS = 2;

    private Latencies() {
    }

    /** An empty histogram of microseconds, resizing as needed. */
    public static Histogram empty() {
        return new Histogram(DIGITS);
    }

    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** Decodes {@link #encode}'s text; null or empty gives an empty histogram. */
    public static Histogram decode(String text) {
        if (text == null || text.isEmpty()) {
            return empty();
        }
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
            Histogram resizable = empty();
            resizable.add(h);
            return resizable;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("latency histogram: not an HdrHistogram in base64 (" + e.getMessage() + ")", e);
        }
    }

    /** A percentile in milliseconds; 0 for an empty histogram. */
    public static double percentileMillis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.highestEquivalentValue(h.getValueAtPercentile(percentile)) / 1000.0;
    }

    public static double maxMillis(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0;
    }

    public static double meanMillis(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0;
    }
}
