package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.cli.serve.ServeCommand;
import dev.spotsim.simulator.SpotSim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve, started in-process on free ports and stopped again; and its refusals. */
class ServeCommandTest {
    private ServeCommand serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.stop();
        }
    }

    @TempDir
    Path journalDir;

    private SpotSim start(String... args) {
        serve = new ServeCommand();
        CommandLine cmd = new CommandLine(serve);
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--events-journal";
        all[args.length + 1] = journalDir.resolve("events.jsonl").toString();
        cmd.parseArgs(all);
        return serve.start();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void servesTheGivenIdentity() throws Exception {
        SpotSim sim = start("--port", "0", "--control-port", "0", "--instance-id", "i-0123456789abcdef0", "--az", "eu-west-1b",
                "--instance-type", "m5.xlarge", "--imdsv2", "required", "--tag", "team=payments", "--tags-in-metadata", "--user-data", "#!/bin/sh");
        String imds = sim.imdsEndpoint();
        String token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(imds + "/latest/api/token"))
                .PUT(HttpRequest.BodyPublishers.noBody()).header("X-aws-ec2-metadata-token-ttl-seconds", "60").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> id = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(imds + "/latest/meta-data/instance-id"))
                .header("X-aws-ec2-metadata-token", token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(id.body()).isEqualTo("i-0123456789abcdef0");
        assertThat(sim.instances().get(0).identity().region()).isEqualTo("eu-west-1");
        assertThat(sim.instances().get(0).identity().tags()).containsEntry("team", "payments");
        assertThat(get(imds + "/latest/meta-data/instance-id")).contains("401 - Unauthorized");
    }

    @Test
    void servesManyInstancesOnConsecutivePorts() throws Exception {
        int base;
        try (ServerSocket s = new ServerSocket(0)) {
            base = s.getLocalPort() > 60000 ? 40000 : s.getLocalPort();
        }
        SpotSim sim = start("--port", Integer.toString(base), "--control-port", "0", "--instances", "3");
        for (int i = 0; i < 3; i++) {
            String id = sim.instances().get(i).instanceId();
            assertThat(sim.imdsPort(id)).isEqualTo(base + i);
            assertThat(get("http://127.0.0.1:" + (base + i) + "/latest/meta-data/instance-id")).isEqualTo(id);
        }
    }

    @Test
    void aFleetConfigLaunchesTheGroup(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("serve.yaml"), """
                port: 0
                controlPort: 0
                fleet:
                  group: {desired: 4, strategy: diversified, launchDelay: 0s}
                  pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
                """);
        SpotSim sim = start("--config", config.toString());
        assertThat(sim.instances()).hasSize(4);
        assertThat(sim.fleet().groups().get(0).spec().pools()).hasSize(2);
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
        assertThat(r.err).contains("serve.yaml:2:").contains("sinks[0]").contains("expected an array");
    }

    @Test
    void configErrorsNameTheFileLineAndField(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("serve.yaml"), "port: 0\ninstances:\n  - {instanceType: c5.large, zone: us-east-1a}\n");
        Cli r = Cli.run("serve", "--config", config.toString(), "--control-port", "0");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains(config + ":3:").contains("instances[0].zone: unknown field \"zone\"").doesNotContain("Exception");
        Path badType = Files.writeString(dir.resolve("bad.json"), "{\"port\": \"high\"}");
        assertThat(Cli.run("serve", "--config", badType.toString()).err).contains("bad.json:1:").contains("port: expected a whole number");
    }

    @Test
    void badFlagsAreRefusedBeforeAnythingStarts() {
        assertThat(Cli.run("serve", "--port", "70000").err).contains("--port: expected 0..65535, got 70000");
        assertThat(Cli.run("serve", "--port", "0", "--control-port", "0", "--imdsv2", "sometimes").err).contains("--imdsv2: expected required or optional");
        assertThat(Cli.run("serve", "--port", "0", "--control-port", "0", "--az", "moon-1a").err).contains("availabilityZone: expected a zone like us-east-1a");
        assertThat(Cli.run("serve", "--instance-id", "i-0123456789abcdef0", "--instances", "2").err).contains("--instance-id names one instance");
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli r = Cli.run("serve", "--port", Integer.toString(taken.getLocalPort()), "--control-port", "0");
            assertThat(r.exitCode).isEqualTo(1);
            assertThat(r.err).contains("a port is already in use (IMDS from " + taken.getLocalPort());
        }
    }
}
