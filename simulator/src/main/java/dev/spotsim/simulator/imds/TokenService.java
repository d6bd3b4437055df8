package dev.spotsim.simulator.imds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * IMDSv2 session tokens: opaque, bound to one instance, valid until their TTL runs out.
 * Tokens are signed, not stored, so issuing millions costs no memory.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
 */
public final class TokenService {
    /** AWS's bounds for {@code X-aws-ec2-metadata-token-ttl-seconds}. */
    public static final long MIN_TTL_SECONDS = 1;
    public static final long MAX_TTL_SECONDS = 21_600;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 20;
    private final byte[] key;
    private final ThreadLocal<Mac> macs;

    public TokenService() {
        this(randomKey());
    }

    TokenService(byte[] key) {
        this.key = key.clone();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** Issues a token for {@code instanceId} that expires {@code ttl} after {@code now}. */
    public String issue(String instanceId, Instant now, Duration ttl) {
        long expiresAtMillis = now.plus(ttl).toEpochMilli();
        ByteBuffer payload = ByteBuffer.allocate(Long.BYTES + MAC_BYTES);
        payload.putLong(expiresAtMillis);
        payload.put(sign(instanceId, expiresAtMillis));
        return "AQAEA" + ENCODER.encodeToString(payload.array());
    }

    /** True when {@code token} was issued by this service for {@code instanceId} and has not expired at {@code now}. */
    public boolean isValid(String token, String instanceId, Instant now) {
        if (token == null || !token.startsWith("AQAEA") || token.length() > 128) {
            return false;
        }
        byte[] raw;
        try {
            raw = DECODER.decode(token.substring(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != Long.BYTES + MAC_BYTES) {
            return false;
        }
        ByteBuffer payload = ByteBuffer.wrap(raw);
        long expiresAtMillis = payload.getLong();
        byte[] given = new byte[MAC_BYTES];
        payload.get(given);
        return MessageDigest.isEqual(given, sign(instanceId, expiresAtMillis)) && now.toEpochMilli() < expiresAtMillis;
    }

    private byte[] sign(String instanceId, long expiresAtMillis) {
        Mac mac = macs.get();
        mac.update(instanceId.getBytes(StandardCharsets.UTF_8));
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(expiresAtMillis).array());
        byte[] full = mac.doFinal();
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }
}
