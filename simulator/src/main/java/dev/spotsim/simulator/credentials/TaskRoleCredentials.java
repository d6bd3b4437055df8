package dev.spotsim.simulator.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fake task-role credentials, rotating like the ECS agent's: a new set every hour, each valid for six, deterministic
 * per task, role and period, and never valid anywhere. The body is what the container credentials endpoint returns.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
public final class TaskRoleCredentials {
    static final Duration ROTATION = Duration.ofHours(1);
    static final Duration VALIDITY = Duration.ofHours(6);
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TaskRoleCredentials() {
    }

    /** AccessKeyId, SecretAccessKey, Token, Expiration (UTC, seconds) and RoleArn, in the agent's member names. */
    public static Map<String, String> document(String taskId, String roleArn, Instant now) {
        long period = Math.floorDiv(now.getEpochSecond(), ROTATION.toSeconds());
        Instant issued = Instant.ofEpochSecond(period * ROTATION.toSeconds());
        byte[] seed = digest(taskId + "/" + roleArn + "/" + period);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("AccessKeyId", "ASIA" + chars(seed));
        m.put("Expiration", issued.plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("RoleArn", roleArn);
        m.put("SecretAccessKey", Base64.getEncoder().encodeToString(digest("secret/" + period + taskId + roleArn)).substring(0, 40));
        m.put("Token", "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(digest("token/" + period + taskId + roleArn))
                + Base64.getEncoder().encodeToString(seed));
        return m;
    }

    private static String chars(byte[] bytes) {
        StringBuilder s = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            s.append(KEY_CHARS.charAt((bytes[i] & 0xff) % KEY_CHARS.length()));
        }
        return s.toString();
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
