package dev.spotsim.simulator.instance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An instance's user data, kept as the exact bytes given (a script, cloud-init YAML, or gzip): IMDS
 * serves them back byte for byte. AWS caps user data at 16 KB before base64 encoding.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html
 */
public record UserData(byte[] bytes) {
    public static final int MAX_BYTES = 16 * 1024;

    public UserData {
        if (bytes == null) {
            throw new IllegalArgumentException("userData: bytes required");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("userData: at most " + MAX_BYTES + " bytes (AWS's limit), got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** Text user data, encoded as UTF-8; null stays null (no user data). */
    public static UserData of(String text) {
        return text == null ? null : new UserData(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes read as UTF-8 (for display; binary user data does not round-trip through this). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserData other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "UserData[" + bytes.length + " bytes, starting " + HexFormat.of().formatHex(bytes, 0, Math.min(4, bytes.length)) + "]";
    }
}
