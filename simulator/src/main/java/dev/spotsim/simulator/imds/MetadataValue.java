package dev.spotsim.simulator.imds;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** One answer's exact bytes and content type: text for metadata, raw bytes for user data. */
record MetadataValue(Buffer body, String contentType) {
    static MetadataValue text(String text) {
        return new MetadataValue(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)), "text/plain");
    }

    /** User data goes out byte for byte (gzip and other binary payloads included). */
    static MetadataValue binary(byte[] bytes) {
        return new MetadataValue(Buffer.buffer(bytes), "application/octet-stream");
    }
}
