package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real non-Java client (botocore, the AWS CLI, the JavaScript SDK) as a child process against
 * the simulator, with an environment that holds no AWS settings but the metadata endpoint, so the
 * client finds everything through IMDS and never looks anywhere else.
 */
final class ExternalClient {
    private ExternalClient() {
    }

    /** True when {@code command} runs and exits 0 (e.g. {@code python3 -c "import botocore"}). */
    static boolean works(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("probe.log").toFile()).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code command} with only {@code endpoint} configured; returns standard output, failing on a non-zero exit. */
    static String run(Path home, String endpoint, Map<String, String> extraEnv, Duration timeout, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.toLowerCase().endsWith("_proxy"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint);
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.putAll(extraEnv);
        Path err = Files.createTempFile(home, "stderr", ".log");
        Process p = builder.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(p.exitValue()).as(command + " failed: " + Files.readString(err)).isZero();
        return out;
    }

    /** A script shipped with the tests (src/test/resources/clients), copied where the client can run it. */
    static Path script(Path dir, String name) throws IOException {
        try (var in = ExternalClient.class.getResourceAsStream("/clients/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource clients/" + name);
            }
            Path target = dir.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }
}
