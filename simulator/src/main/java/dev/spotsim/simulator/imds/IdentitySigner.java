package dev.spotsim.simulator.imds;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs instance identity documents the three ways EC2 does, with local fake keys made at first use:
 * {@code signature} (base64 SHA-256 with RSA), {@code pkcs7} (PKCS #7 SignedData, SHA-1 with DSA) and
 * {@code rsa2048} (PKCS #7 SignedData, SHA-256 with RSA-2048), the document carried inside the PKCS #7
 * ones. The matching self-signed certificates stand in for AWS's public certificates, so a client that
 * verifies the signatures (openssl smime / dgst, as AWS's guide does) can be rehearsed.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/verify-iid.html
 */
public final class IdentitySigner {
    /** The three certificates a user verifies with, as AWS publishes one of each per Region. */
    public enum Kind {
        /** For {@code dynamic/instance-identity/signature}. */
        RSA("SHA256withRSA", "1.2.840.113549.1.1.11", "2.16.840.1.101.3.4.2.1", "1.2.840.113549.1.1.1", true),
        /** For {@code dynamic/instance-identity/pkcs7}. */
        DSA("SHA1withDSA", "1.2.840.10040.4.3", "1.3.14.3.2.26", "1.2.840.10040.4.1", false),
        /** For {@code dynamic/instance-identity/rsa2048}. */
        RSA2048("SHA256withRSA", "1.2.840.113549.1.1.11", "2.16.840.1.101.3.4.2.1", "1.2.840.113549.1.1.1", true);

        final String jcaAlgorithm;
        final String signatureOid;
        final String digestOid;
        final String keyOid;
        final boolean rsa;

        Kind(String jcaAlgorithm, String signatureOid, String digestOid, String keyOid, boolean rsa) {
            this.jcaAlgorithm = jcaAlgorithm;
            this.signatureOid = signatureOid;
            this.digestOid = digestOid;
            this.keyOid = keyOid;
            this.rsa = rsa;
        }
    }

    private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2049-12-31T23:59:59Z");
    private static final int CACHE_LIMIT = 4096;
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final Map<Kind, SigningKey> keys = new ConcurrentHashMap<>();
    private final Map<String, String> signed = new ConcurrentHashMap<>();

    /** One key pair with its self-signed certificate (DER) and the issuer name and serial that identify it. */
    private record SigningKey(KeyPair pair, byte[] name, BigInteger serial, byte[] certificate) {
    }

    /** The PEM certificate whose public key verifies what {@code kind} signs. */
    public String certificatePem(Kind kind) {
        return "-----BEGIN CERTIFICATE-----\n" + LINES.encodeToString(key(kind).certificate()) + "\n-----END CERTIFICATE-----\n";
    }

    /** {@code dynamic/instance-identity/signature}: the base64 RSA signature of the document's bytes. */
    String signature(String document) {
        return signed.computeIfAbsent("signature\n" + document, k -> LINES.encodeToString(sign(Kind.RSA, bytes(document))));
    }

    /** {@code dynamic/instance-identity/pkcs7}: PKCS #7 SignedData with DSA, base64 without PEM armour. */
    String pkcs7(String document) {
        return signed.computeIfAbsent("pkcs7\n" + document, k -> LINES.encodeToString(signedData(Kind.DSA, bytes(document))));
    }

    /** {@code dynamic/instance-identity/rsa2048}: PKCS #7 SignedData with RSA-2048, base64 without PEM armour. */
    String rsa2048(String document) {
        return signed.computeIfAbsent("rsa2048\n" + document, k -> LINES.encodeToString(signedData(Kind.RSA2048, bytes(document))));
    }

    private static byte[] bytes(String document) {
        return document.getBytes(StandardCharsets.UTF_8);
    }

    private SigningKey key(Kind kind) {
        if (signed.size() > CACHE_LIMIT) {
            signed.clear();
        }
        return keys.computeIfAbsent(kind, IdentitySigner::newKey);
    }

    private byte[] sign(Kind kind, byte[] data) {
        return sign(kind, key(kind).pair(), data);
    }

    private static byte[] sign(Kind kind, KeyPair pair, byte[] data) {
        try {
            Signature s = Signature.getInstance(kind.jcaAlgorithm);
            s.initSign(pair.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(kind.jcaAlgorithm + " is part of every Java 17 runtime", e);
        }
    }

    /** RFC 2315 ContentInfo(SignedData) with the document inside and one signer, no authenticated attributes. */
    private byte[] signedData(Kind kind, byte[] document) {
        SigningKey key = key(kind);
        byte[] digestAlgorithm = Der.algorithm(kind.digestOid, true);
        byte[] signerInfo = Der.sequence(Der.integer(1), Der.sequence(key.name(), Der.integer(key.serial())), digestAlgorithm,
                Der.algorithm(kind.keyOid, kind.rsa), Der.octetString(sign(kind, key.pair(), document)));
        byte[] content = Der.sequence(Der.oid("1.2.840.113549.1.7.1"), Der.tagged(0, Der.octetString(document)));
        byte[] signedData = Der.sequence(Der.integer(1), Der.set(digestAlgorithm), content, Der.set(signerInfo));
        return Der.sequence(Der.oid("1.2.840.113549.1.7.2"), Der.tagged(0, signedData));
    }

    private static SigningKey newKey(Kind kind) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(kind.rsa ? "RSA" : "DSA");
            // AWS's DSA certificate is 1024-bit, which SHA-1 suits; the RSA ones 2048-bit.
            generator.initialize(kind.rsa ? 2048 : 1024);
            KeyPair pair = generator.generateKeyPair();
            byte[] name = Der.sequence(
                    Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8String("spotsim"))),
                    Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String("spotsim fake instance identity " + kind.name()))));
            BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(62);
            byte[] signatureAlgorithm = Der.algorithm(kind.signatureOid, kind.rsa);
            byte[] tbs = Der.sequence(Der.tagged(0, Der.integer(2)), Der.integer(serial), signatureAlgorithm, name,
                    Der.sequence(Der.utcTime(NOT_BEFORE), Der.utcTime(NOT_AFTER)), name, pair.getPublic().getEncoded());
            byte[] certificate = Der.sequence(tbs, signatureAlgorithm, Der.bitString(sign(kind, pair, tbs)));
            return new SigningKey(pair, name, serial, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA and DSA key generation are part of every Java 17 runtime", e);
        }
    }
}
