package dev.spotsim.gameday.ssm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.fake.FakeAws;
import dev.spotsim.gameday.fake.FakeSsm.Phase;
import dev.spotsim.gameday.fake.FakeSsm.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SsmLoadDriversTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LoadCommand COMMAND = new LoadCommand("spotsim web run-1", LoadCommand.lines("cd /opt/load\nhey -z 3m https://staging.example.com/\n"),
            "/opt/load", Duration.ofMinutes(10), Duration.ofMinutes(5));

    private final FakeAws aws = new FakeAws();
    private final AwsClients clients = AwsClients.create(aws.settings());
    private final SsmLoadDrivers ssm = new SsmLoadDrivers(clients.ssm());

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    private static List<String> ids(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("i-0%016x", i)).toList();
    }

    private void advance(Duration d) {
        aws.clock.pause(d, new CountDownLatch(1));
    }

    @Test
    void sendsAwsRunShellScriptToAtMostFiftyInstancesPerCall() throws Exception {
        Map<String, List<String>> sent = ssm.send(COMMAND, ids(120));

        assertThat(sent.values()).extracting(List::size).containsExactly(50, 50, 20);
        List<LoggedRequest> requests = FakeAws.received(aws.ssmServer);
        assertThat(requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.getHeader("X-Amz-Target")).isEqualTo("AmazonSSM.SendCommand");
            assertThat(r.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        });
        JsonNode last = JSON.readTree(requests.get(2).getBodyAsString());
        assertThat(last.path("DocumentName").asText()).isEqualTo("AWS-RunShellScript");
        assertThat(last.path("InstanceIds")).hasSize(20);
        assertThat(last.at("/Parameters/commands/1").asText()).isEqualTo("hey -z 3m https://staging.example.com/");
        assertThat(last.at("/Parameters/executionTimeout/0").asText()).isEqualTo("600");
        assertThat(last.at("/Parameters/workingDirectory/0").asText()).isEqualTo("/opt/load");
        assertThat(last.path("TimeoutSeconds").asInt()).isEqualTo(300);
        // What the dry run prints is what was sent.
        assertThat(last).isEqualTo(JSON.readTree(COMMAND.toJson(ids(120).subList(100, 120))));
    }

    @Test
    void tracksEveryInvocationThroughEveryStatusAndReadsItsOutputOnce() {
        List<String> gens = ids(4);
        aws.ssm.listLag = Duration.ofSeconds(15);
        aws.ssm.doesNotExistTimes = 1;
        aws.ssm.script(gens.get(0), Script.succeeding(Duration.ofSeconds(40), "warming up\nspotsim-load {\"requests\":1200,\"failures\":6}\n"));
        aws.ssm.script(gens.get(1), new Script(List.of(new Phase(Duration.ZERO, "Pending", "Pending"),
                new Phase(Duration.ofSeconds(10), "Delayed", "Delayed"), new Phase(Duration.ofSeconds(25), "InProgress", "InProgress"),
                new Phase(Duration.ofSeconds(40), "Failed", "Failed")), 2, "", "hey: connection refused\n"));
        aws.ssm.script(gens.get(2), new Script(List.of(new Phase(Duration.ZERO, "InProgress", "InProgress"),
                new Phase(Duration.ofSeconds(40), "TimedOut", "ExecutionTimedOut")), 124, "spotsim-load {\"requests\":800,\"failures\":0}\n", ""));
        aws.ssm.script(gens.get(3), new Script(List.of(new Phase(Duration.ZERO, "InProgress", "InProgress"),
                new Phase(Duration.ofHours(1), "Success", "Success")), 0, "", ""));
        CommandTracker tracker = new CommandTracker(ssm, ssm.send(COMMAND, gens));
        List<TimelineEntry> events = new ArrayList<>();

        for (int poll = 0; poll < 6 && !tracker.allFinal(); poll++) {
            if (poll == 4) {
                tracker.unfinishedCommands().forEach(ssm::cancel);
            }
            events.addAll(tracker.poll(aws.clock.now()));
            advance(Duration.ofSeconds(10));
        }

        assertThat(tracker.allFinal()).isTrue();
        assertThat(tracker.invocations()).extracting(Invocation::status).containsExactly(InvocationStatus.SUCCESS, InvocationStatus.FAILED,
                InvocationStatus.TIMED_OUT, InvocationStatus.CANCELLED);
        Invocation failed = tracker.invocations().get(1);
        assertThat(failed.responseCode()).isEqualTo(2);
        assertThat(failed.stderr()).isEqualTo("hey: connection refused\n");
        assertThat(tracker.invocations().get(2).statusDetails()).isEqualTo("ExecutionTimedOut");
        assertThat(tracker.loadSummary()).contains(new LoadSummary(2000, 6));
        // Not listed for 15 s after SendCommand: asked directly, InvocationDoesNotExist once, then its status.
        assertThat(details(events, gens.get(0))).containsExactly("InvocationDoesNotExist, asking again next poll",
                "Unknown -> InProgress", "InProgress -> Success, exit 0");
        assertThat(details(events, gens.get(1))).containsExactly("InvocationDoesNotExist, asking again next poll",
                "Unknown -> Delayed", "Delayed -> InProgress", "InProgress -> Failed, exit 2");
        assertThat(details(events, gens.get(3))).contains("InProgress -> Cancelling", "Cancelling -> Cancelled");
        assertThat(aws.ssmOperations()).contains("ListCommandInvocations", "GetCommandInvocation", "CancelCommand");
        // Asked directly while unlisted (two polls of four), then each output read once it was final; finished ones are not polled again.
        long reads = aws.ssmOperations().stream().filter("GetCommandInvocation"::equals).count();
        assertThat(reads).isEqualTo(4 + 4 + 4);
    }

    private static List<String> details(List<TimelineEntry> events, String instanceId) {
        return events.stream().filter(e -> instanceId.equals(e.instanceId())).map(e -> e.detail().replaceAll("^[^:]+: ", "")).toList();
    }

    @Test
    void outputAtSsmsCapIsFlagged() {
        String id = ids(1).get(0);
        aws.ssm.script(id, Script.succeeding(Duration.ofSeconds(5), "x".repeat(Invocation.STDOUT_CAP)));
        String command = ssm.send(COMMAND, List.of(id)).keySet().iterator().next();
        advance(Duration.ofSeconds(10));

        Invocation read = ssm.invocation(command, id).orElseThrow();

        assertThat(read.stdoutCapped()).isTrue();
        assertThat(read.stderrCapped()).isFalse();
    }

    @Test
    void throttlingExceptionIsRetried() {
        String command = ssm.send(COMMAND, ids(1)).keySet().iterator().next();
        aws.ssmServer.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM.ListCommandInvocations"))
                .inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("once"));

        assertThat(ssm.statuses(command)).hasSize(1);
        assertThat(aws.ssmOperations()).containsExactly("SendCommand", "ListCommandInvocations", "ListCommandInvocations");
    }

    @Test
    void everyInvocationStatusSsmDocumentsIsKnownAndFourAreFinal() {
        List<String> wire = List.of("Pending", "InProgress", "Delayed", "Success", "Cancelled", "TimedOut", "Failed", "Cancelling");

        assertThat(wire).allSatisfy(w -> assertThat(InvocationStatus.of(w).wireName()).isEqualTo(w));
        assertThat(wire.stream().filter(w -> InvocationStatus.of(w).isFinal())).containsExactly("Success", "Cancelled", "TimedOut", "Failed");
        assertThat(InvocationStatus.of("Paused")).isEqualTo(InvocationStatus.UNKNOWN);
    }

    @Test
    void loadSummaryTakesTheLastWellFormedLine() {
        assertThat(LoadSummary.find("spotsim-load {\"requests\":10,\"failures\":1}\nspotsim-load {\"requests\":20,\"failures\":2}\nspotsim-load nonsense\n"))
                .contains(new LoadSummary(20, 2));
        assertThat(LoadSummary.find("no figures here")).isEmpty();
        assertThat(LoadSummary.find("spotsim-load {\"requests\":1,\"failures\":5}")).isEmpty();
    }
}
