package dev.spotsim.simulator.imds;

import dev.spotsim.simulator.instance.InstanceIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fake instance-profile credentials that rotate like the real ones: a new set every hour, each
 * valid for six hours, so a client always sees an {@code Expiration} well ahead and a changed key
 * after rotation. Deterministic per instance and period; never valid anywhere.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html#instance-metadata-security-credentials
 */
final class InstanceCredentials {
    static final Duration ROTATION = Duration.ofHours(1);
    static final Duration VALIDITY = Duration.ofHours(6);
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** The one name under {@code identity-credentials/ec2/security-credentials/}. */
    static final String IDENTITY_ROLE = "ec2-instance";

    private InstanceCredentials() {
    }

    /** The instance profile role's credentials. */
    static Map<String, String> document(InstanceIdentity identity, Instant now) {
        return credentials(identity.instanceId(), identity.iamRole(), now);
    }

    /** The instance identity role's credentials ({@code identity-credentials/ec2/security-credentials/ec2-instance}). */
    static Map<String, String> identityDocument(InstanceIdentity identity, Instant now) {
        return credentials(identity.instanceId(), "identity-credentials/" + IDENTITY_ROLE, now);
    }

    /** {@code identity-credentials/ec2/info}: which account the instance identity credentials belong to. */
    static Map<String, String> identityInfo(InstanceIdentity identity, Instant launchTime) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Code", "Success");
        m.put("LastUpdated", MetadataFormats.isoSeconds(launchTime));
        m.put("AccountId", identity.accountId());
        return m;
    }

    private static Map<String, String> credentials(String instanceId, String role, Instant now) {
        long period = Math.floorDiv(now.getEpochSecond(), ROTATION.toSeconds());
        Instant issued = Instant.ofEpochSecond(period * ROTATION.toSeconds());
        String identity = instanceId + "/" + role;
        byte[] seed = digest(identity + "/" + period);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Code", "Success");
        m.put("LastUpdated", MetadataFormats.isoSeconds(issued));
        m.put("Type", "AWS-HMAC");
        m.put("AccessKeyId", "ASIA" + chars(seed, 0, 16));
        m.put("SecretAccessKey", Base64.getEncoder().encodeToString(digest("secret/" + period + identity)).substring(0, 40));
        m.put("Token", "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(digest("token/" + period + identity))
                + Base64.getEncoder().encodeToString(seed));
        m.put("Expiration", MetadataFormats.isoSeconds(issued.plus(VALIDITY)));
        return m;
    }

    static Map<String, String> info(InstanceIdentity identity, Instant launchTime) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Code", "Success");
        m.put("LastUpdated", MetadataFormats.isoSeconds(launchTime));
        m.put("InstanceProfileArn", "arn:aws:iam::" + identity.accountId() + ":instance-profile/" + identity.iamRole());
        m.put("InstanceProfileId", "AIPA" + chars(digest("profile/" + identity.iamRole()), 0, 17));
        return m;
    }

    private static String chars(byte[] bytes, int from, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append(KEY_CHARS.charAt((bytes[(from + i) % bytes.length] & 0xff) % KEY_CHARS.length()));
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
