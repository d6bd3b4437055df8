package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spotsim.cli.serve.ServeCommand;
import dev.spotsim.simulator.SpotSim;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code spotsim serve} for real: in-process on free ports of 127.0.0.1, stopped again after each test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCommandTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ServeCommand serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.stop();
        }
    }

    @TempDir
    Path journalDir;

    /** Starts serve without blocking, as {@code call()} would, and returns the simulator; events go to a temporary journal. */
    private SpotSim start(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--events-journal";
        all[args.length + 1] = journalDir.resolve("events.jsonl").toString();
        serve = Cli.parsedServe(Map.of(), new StringWriter(), all);
        return serve.start();
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesUntilStoppedWhenRunAsTheCommand() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cmd = Cli.commandLine(Map.of(), out, new StringWriter());
        serve = Cli.serveOf(cmd);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cmd.execute("serve", "--port", "0", "--control-port", "0", "--instance-id", "i-0123456789abcdef0"),
                task -> new Thread(task, "serve-under-test").start());
        SpotSim sim;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> serve.running() != null || exit.isDone());
            sim = serve.running();
            assertThat(sim).as("serve is running, not exited with %s", exit.getNow(null)).isNotNull();
            assertThat(get(sim.imdsEndpoint() + "/latest/meta-data/instance-id").body()).isEqualTo("i-0123456789abcdef0");
            // The value ends in "/": SDKs that append "latest/api/token" and those that append "/latest/..." both work with it.
            String advertised = "http://127.0.0.1:" + sim.imdsPort(sim.firstInstanceId()) + "/";
            await().until(() -> out.toString().contains("export AWS_EC2_METADATA_SERVICE_ENDPOINT=" + advertised + System.lineSeparator()));
            assertThat(out.toString()).contains("control API " + sim.controlUrl(), "i-0123456789abcdef0", "export SPOTSIM_CONTROL_URL=");
            assertThat(exit).isNotDone();
        } finally {
            serve.stop();
        }
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(serve.running()).isNull();
        assertThatThrownBy(() -> get(sim.imdsEndpoint() + "/latest/meta-data/instance-id")).isInstanceOf(ConnectException.class);
    }

    @Test
    void servesTheGivenIdentity() throws Exception {
        SpotSim sim = start("--port", "0", "--control-port", "0", "--instance-id", "i-0123456789abcdef0", "--az", "eu-west-1b",
                "--instance-type", "m5.xlarge", "--lifecycle", "on-demand", "--imdsv2", "required", "--tag", "team=payments",
                "--tags-in-metadata", "--user-data", "#!/bin/sh");
        String imds = sim.imdsEndpoint();
        String token = http.send(HttpRequest.newBuilder(URI.create(imds + "/latest/api/token"))
                .PUT(HttpRequest.BodyPublishers.noBody()).header("X-aws-ec2-metadata-token-ttl-seconds", "60").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String[] auth = {"X-aws-ec2-metadata-token", token};
        assertThat(get(imds + "/latest/meta-data/instance-id", auth).body()).isEqualTo("i-0123456789abcdef0");
        assertThat(get(imds + "/latest/meta-data/placement/region", auth).body()).isEqualTo("eu-west-1");
        assertThat(get(imds + "/latest/meta-data/instance-type", auth).body()).isEqualTo("m5.xlarge");
        assertThat(get(imds + "/latest/meta-data/instance-life-cycle", auth).body()).isEqualTo("on-demand");
        assertThat(get(imds + "/latest/meta-data/tags/instance/team", auth).body()).isEqualTo("payments");
        assertThat(get(imds + "/latest/user-data", auth).body()).isEqualTo("#!/bin/sh");
        assertThat(get(imds + "/latest/meta-data/instance-id").statusCode()).as("IMDSv1 refused").isEqualTo(401);
    }

    @Test
    void servesManyInstancesOnConsecutivePorts() throws Exception {
        int base = FreePorts.consecutive(3);
        SpotSim sim = start("--port", Integer.toString(base), "--control-port", "0", "--instances", "3");
        for (int i = 0; i < 3; i++) {
            String id = sim.instances().get(i).instanceId();
            assertThat(sim.imdsPort(id)).isEqualTo(base + i);
            assertThat(get("http://127.0.0.1:" + (base + i) + "/latest/meta-data/instance-id").body()).isEqualTo(id);
        }
    }

    @Test
    void theBannerListsAFewOfManyInstances() {
        StringWriter out = new StringWriter();
        serve = Cli.parsedServe(Map.of(), out, "--port", "0", "--control-port", "0", "--instances", "12");
        SpotSim sim = serve.start();
        assertThat(out.toString()).contains("spotsim serving 12 instance(s)", sim.instances().get(4).instanceId(), "... and 7 more")
                .doesNotContain(sim.instances().get(5).instanceId());
    }

    @Test
    void configuredSinksGetTheFleetsEvents(@TempDir Path dir) throws Exception {
        Path warnings = dir.resolve("warnings.jsonl");
        Path config = Files.writeString(dir.resolve("serve.yaml"), """
                port: 0
                controlPort: 0
                fleet:
                  group: {desired: 2, launchDelay: 0s}
                  pools: [{type: c5.large, az: us-east-1a}]
                sinks:
                  - type: file
                    path: "%s"
                    pattern: {detail-type: ["EC2 Spot Instance Interruption Warning"]}
                """.formatted(warnings));
        SpotSim sim = start("--config", config.toString());
        sim.interrupt();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> Files.exists(warnings) && Files.readAllLines(warnings).size() == 1);
        assertThat(Files.readString(warnings)).contains("\"instance-action\":\"terminate\"");
        assertThat(Files.readAllLines(journalDir.resolve("events.jsonl"))).hasSizeGreaterThan(3);
    }

    @Test
    void aBadSinkPatternIsAConfigError(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("serve.yaml"), "sinks:\n  - {type: stdout, pattern: {source: aws.ec2}}\n");
        Cli r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("serve.yaml:2:").contains("sinks[0]").contains("expected a non-empty array");
    }

    @Test
    void aPortInUseIsNamedAndNothingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Cli imds = Cli.run("serve", "--port", Integer.toString(port), "--control-port", "0", "--instance-id", "i-0123456789abcdef0");
            assertThat(imds.exitCode).isEqualTo(1);
            assertThat(imds.err.strip()).isEqualTo("spotsim: port " + port
                    + " on 127.0.0.1 is already in use (IMDS of i-0123456789abcdef0); stop what uses it or choose another --port");
            Cli control = Cli.run("serve", "--port", "0", "--control-port", Integer.toString(port));
            assertThat(control.err).contains("port " + port + " on 127.0.0.1 is already in use (control API)", "--control-port");
            assertThat(control.errLines()).isEqualTo(1);
        }
    }
}
