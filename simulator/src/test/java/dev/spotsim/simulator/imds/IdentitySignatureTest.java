package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.imds.IdentitySigner.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity document's signatures verify against the simulator's certificates, the way AWS's guide
 * verifies them: the base64 signature with the RSA public key (Java, and openssl dgst), the PKCS #7 ones
 * with openssl smime, which also gives back the document they carry.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/verify-iid.html
 */
class IdentitySignatureTest {
    private static SpotSim sim;
    private static RawHttp imds;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().start();
        imds = new RawHttp(sim.imdsEndpoint());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static X509Certificate certificate(Kind kind) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(sim.identityCertificatePem(kind).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String document() {
        return imds.get("/latest/dynamic/instance-identity/document").body();
    }

    @Test
    void theCertificatesAreSelfSignedX509ThatJavaReads() throws Exception {
        for (Kind kind : Kind.values()) {
            X509Certificate cert = certificate(kind);
            cert.verify(cert.getPublicKey());
            cert.checkValidity();
            assertThat(cert.getPublicKey().getAlgorithm()).as(kind.name()).isEqualTo(kind == Kind.DSA ? "DSA" : "RSA");
        }
    }

    @Test
    void theBase64SignatureIsSha256WithRsaOverTheDocumentBytes() throws Exception {
        byte[] signature = Base64.getMimeDecoder().decode(imds.get("/latest/dynamic/instance-identity/signature").body());
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate(Kind.RSA).getPublicKey());
        verifier.update(document().getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();

        verifier.initVerify(certificate(Kind.RSA).getPublicKey());
        verifier.update((document() + " ").getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).as("a changed document does not verify").isFalse();
    }

    @Test
    void opensslVerifiesEverySignatureAsAwsGuideDoes() throws Exception {
        assumeThat(hasOpenssl()).as("needs the openssl command (Debian package openssl)").isTrue();
        String document = document();
        Path documentFile = Files.writeString(dir.resolve("document"), document);
        for (Kind kind : Kind.values()) {
            Files.writeString(dir.resolve(kind + ".pem"), sim.identityCertificatePem(kind));
        }
        Files.write(dir.resolve("signature"), Base64.getMimeDecoder().decode(imds.get("/latest/dynamic/instance-identity/signature").body()));
        run("openssl", "x509", "-pubkey", "-noout", "-in", dir.resolve("RSA.pem").toString(), "-out", dir.resolve("key").toString());
        assertThat(run("openssl", "dgst", "-sha256", "-verify", dir.resolve("key").toString(), "-signature",
                dir.resolve("signature").toString(), documentFile.toString())).contains("Verified OK");

        for (String item : List.of("pkcs7", "rsa2048")) {
            Path armoured = Files.writeString(dir.resolve(item), "-----BEGIN PKCS7-----\n"
                    + imds.get("/latest/dynamic/instance-identity/" + item).body() + "\n-----END PKCS7-----\n");
            String cert = dir.resolve((item.equals("pkcs7") ? Kind.DSA : Kind.RSA2048) + ".pem").toString();
            assertThat(run("openssl", "smime", "-verify", "-in", armoured.toString(), "-inform", "PEM", "-certfile", cert, "-noverify"))
                    .as(item + " carries the document and verifies").isEqualTo(document);
        }
    }

    private static boolean hasOpenssl() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a command; returns its standard output, failing the test with its error output on a non-zero exit. */
    private String run(String... command) throws Exception {
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(err)).isZero();
        return out;
    }
}
