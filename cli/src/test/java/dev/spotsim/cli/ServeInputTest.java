package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.cli.serve.ServeCommand;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.imds.IdentitySigner;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code spotsim serve} makes of its flags, config file and environment; bad input is refused
 * with one line before anything listens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeInputTest {
    @TempDir
    Path dir;

    private ServeCommand serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.stop();
        }
    }

    private SpotSim start(Map<String, String> env, String... args) {
        serve = Cli.parsedServe(env, new StringWriter(), args);
        return serve.start();
    }

    private InstanceIdentity only(SpotSim sim) {
        assertThat(sim.instances()).hasSize(1);
        return sim.instances().get(0).identity();
    }

    @Test
    void aConfigFileDescribesTheInstancesAndFlagsWin() throws Exception {
        Path config = Files.writeString(dir.resolve("serve.yaml"), """
                port: 0
                controlPort: 0
                imdsv2: required
                instances:
                  - instanceId: i-0aaaaaaaaaaaaaaa1
                    instanceType: m5.large
                    availabilityZone: eu-west-1a
                    amiId: ami-0123456789abcdef0
                    tags: {team: payments}
                    userData: hello
                """);
        SpotSim sim = start(Map.of(), "--config", config.toString(), "--instance-type", "c6i.large");
        InstanceIdentity id = only(sim);
        assertThat(id.instanceId()).isEqualTo("i-0aaaaaaaaaaaaaaa1");
        assertThat(id.instanceType()).as("the flag wins").isEqualTo("c6i.large");
        assertThat(id.availabilityZone()).isEqualTo("eu-west-1a");
        assertThat(id.region()).isEqualTo("eu-west-1");
        assertThat(id.amiId()).isEqualTo("ami-0123456789abcdef0");
        assertThat(id.tags()).containsEntry("team", "payments");
        assertThat(id.userData().text()).isEqualTo("hello");
        assertThat(sim.instances().get(0).options().tokensRequired()).isTrue();
    }

    @Test
    void aJsonConfigCountGeneratesInstancesAndUserDataComesFromAFile() throws Exception {
        Path config = Files.writeString(dir.resolve("serve.json"), "{\"port\": 0, \"controlPort\": 0, \"count\": 2}");
        Path script = Files.writeString(dir.resolve("user-data.sh"), "#!/bin/sh\necho hi\n");
        SpotSim sim = start(Map.of(), "--config", config.toString(), "--user-data", "@" + script);
        assertThat(sim.instances()).hasSize(2)
                .allSatisfy(v -> assertThat(v.identity().userData().text()).isEqualTo("#!/bin/sh\necho hi\n"));
        assertThat(Cli.run("serve", "--user-data", "@" + dir.resolve("missing.sh")).err.strip())
                .isEqualTo("spotsim: --user-data: cannot read " + dir.resolve("missing.sh") + ": no such file");
    }

    @Test
    void aFleetConfigLaunchesTheGroup() throws Exception {
        Path config = Files.writeString(dir.resolve("serve.yaml"), """
                port: 0
                controlPort: 0
                fleet:
                  group: {desired: 4, strategy: diversified, launchDelay: 0s}
                  pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
                """);
        SpotSim sim = start(Map.of(), "--config", config.toString());
        assertThat(sim.instances()).hasSize(4);
        assertThat(sim.fleet().groups().get(0).spec().pools()).hasSize(2);
    }

    @Test
    void configErrorsNameTheFileLineAndField() throws Exception {
        Path unknown = Files.writeString(dir.resolve("serve.yaml"), "port: 0\ninstances:\n  - {instanceType: c5.large, zone: us-east-1a}\n");
        Cli r = Cli.run("serve", "--config", unknown.toString(), "--control-port", "0");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).startsWith("spotsim: " + unknown + ":3:").contains("instances[0].zone: unknown field \"zone\"");
        assertThat(r.errLines()).isEqualTo(1);

        Path badType = Files.writeString(dir.resolve("bad.json"), "{\"port\": \"high\"}");
        Cli type = Cli.run("serve", "--config", badType.toString());
        assertThat(type.exitCode).isEqualTo(1);
        assertThat(type.err).contains(badType + ":1:", "port: expected a whole number").doesNotContain("Exception");

        Path both = Files.writeString(dir.resolve("both.yaml"), "count: 2\ninstances: [{instanceType: c5.large}]\n");
        assertThat(Cli.run("serve", "--config", both.toString()).err).contains("both.yaml", "give one of instances, count or fleet");

        assertThat(Cli.run("serve", "--config", dir.resolve("nope.yaml").toString()).err).contains("nope.yaml");
    }

    @Test
    void badFlagsAreRefusedBeforeAnythingStarts() throws Exception {
        assertThat(Cli.run("serve", "--port", "70000").err.strip()).isEqualTo("spotsim: --port: expected 0..65535, got 70000");
        assertThat(Cli.run("serve", "--port", "abc").err.strip()).isEqualTo("spotsim: --port: 'abc' is not an int");
        assertThat(Cli.run("serve", "--port", "0", "--control-port", "0", "--imdsv2", "sometimes").err)
                .contains("--imdsv2: expected required or optional");
        assertThat(Cli.run("serve", "--port", "0", "--control-port", "0", "--az", "moon-1a").err)
                .contains("availabilityZone: expected a zone like us-east-1a");
        assertThat(Cli.run("serve", "--az", "").err.strip()).isEqualTo("spotsim: --az: expected a zone like us-east-1a, got \"\"");
        assertThat(Cli.run("serve", "--lifecycle", "reserved").err).contains("lifecycle: expected spot or on-demand");
        assertThat(Cli.run("serve", "--instance-id", "i-0123456789abcdef0", "--instances", "2").err)
                .contains("--instance-id names one instance, but 2 would be served");
        Path counted = Files.writeString(dir.resolve("three.yaml"), "count: 3\n");
        assertThat(Cli.run("serve", "--config", counted.toString(), "--instance-id", "i-0123456789abcdef0").err)
                .contains("--instance-id names one instance, but 3 would be served");
        assertThat(Cli.run("serve", "--instances", "0").err).contains("--instances: expected 1..10000, got 0");
        Path highPort = Files.writeString(dir.resolve("port.yaml"), "port: 99999\n");
        assertThat(Cli.run("serve", "--config", highPort.toString()).err).contains(highPort + ": port: expected 0..65535, got 99999");
    }

    @Test
    void theEnvironmentSetsDefaultsThatFlagsOverride() {
        Map<String, String> env = Map.of("SPOTSIM_PORT", "0", "SPOTSIM_CONTROL_PORT", "0", "SPOTSIM_IMDSV2", "required",
                "SPOTSIM_HOST", "127.0.0.1");
        SpotSim sim = start(env);
        assertThat(sim.instances().get(0).options().tokensRequired()).isTrue();
        serve.stop();
        assertThat(start(env, "--imdsv2", "optional").instances().get(0).options().tokensRequired()).isFalse();
        assertThat(Cli.run(Map.of("SPOTSIM_PORT", "high"), "serve").err.strip())
                .isEqualTo("spotsim: SPOTSIM_PORT: expected a port number, got \"high\"");
        assertThat(Cli.run(Map.of("SPOTSIM_PORT", "70000"), "serve").err.strip())
                .isEqualTo("spotsim: SPOTSIM_PORT: expected 0..65535, got 70000");
    }

    @Test
    void awsRegionPicksTheZoneAndMustAgreeWithAGivenOne() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-central-1");
        assertThat(only(start(env, "--port", "0", "--control-port", "0")).availabilityZone()).isEqualTo("eu-central-1a");
        serve.stop();
        assertThat(only(start(env, "--port", "0", "--control-port", "0", "--az", "eu-central-1c")).region()).isEqualTo("eu-central-1");
        serve.stop();
        assertThat(only(start(env, "--port", "0", "--control-port", "0", "--region", "ap-south-1")).availabilityZone())
                .as("--region wins over AWS_REGION").isEqualTo("ap-south-1a");
        Cli conflict = Cli.run(env, "serve", "--port", "0", "--control-port", "0", "--az", "us-west-2b");
        assertThat(conflict.exitCode).isEqualTo(1);
        assertThat(conflict.err.strip()).isEqualTo("spotsim: AWS_REGION is eu-central-1 but the availability zone us-west-2b is in us-west-2;"
                + " choose an --az in eu-central-1, or set --region, or unset AWS_REGION");
        assertThat(Cli.run("serve", "--az", "us-west-2b", "--region", "eu-west-1").err).contains("us-west-2b is not in region eu-west-1");
    }

    @Test
    void binaryUserDataFromAFlagOrTheConfigIsServedByteForByte() throws Exception {
        byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, (byte) 0xff, (byte) 0xfe, 0x00, 0x01};
        Path data = Files.write(dir.resolve("user-data.gz"), gzip);
        SpotSim fromFlag = start(Map.of(), "--port", "0", "--control-port", "0", "--user-data", "@" + data);
        assertThat(only(fromFlag).userData().bytes()).isEqualTo(gzip);
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fromFlag.imdsEndpoint() + "latest/user-data")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.body()).isEqualTo(gzip);
        assertThat(served.headers().firstValue("Content-Type")).contains("application/octet-stream");
        serve.stop();

        Path config = Files.writeString(dir.resolve("serve.yaml"), "port: 0\ncontrolPort: 0\ninstances:\n  - userDataFile: " + data + "\n");
        assertThat(only(start(Map.of(), "--config", config.toString())).userData().bytes()).isEqualTo(gzip);
    }

    @Test
    void userDataOverAwsLimitIsRefusedWithTheFileAndTheLimit() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[16 * 1024 + 1]);
        assertThat(Cli.run("serve", "--port", "0", "--control-port", "0", "--user-data", "@" + big).err.strip())
                .isEqualTo("spotsim: --user-data: " + big + ": at most 16384 bytes (AWS's limit), got 16385");
    }

    @Test
    void identityCertificatesAreWrittenWhereAsked() throws Exception {
        Path certs = dir.resolve("certs");
        SpotSim sim = start(Map.of(), "--port", "0", "--control-port", "0", "--identity-certificates", certs.toString());
        for (String name : new String[] {"rsa", "dsa", "rsa2048"}) {
            assertThat(Files.readString(certs.resolve(name + ".pem"))).startsWith("-----BEGIN CERTIFICATE-----")
                    .isEqualTo(sim.identityCertificatePem(IdentitySigner.Kind.valueOf(name.toUpperCase(java.util.Locale.ROOT))));
        }
    }
}
