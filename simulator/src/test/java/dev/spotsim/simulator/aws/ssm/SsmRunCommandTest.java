package dev.spotsim.simulator.aws.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.LocalAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.CommandStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvalidCommandIdException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.InvalidParametersException;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.Target;

/** SSM Run Command against a real simulator with the real SDK client; the commands really run. */
class SsmRunCommandTest {
    private static SpotSim sim;
    private static SsmClient ssm;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().instances(2).start();
        ssm = LocalAws.client(SsmClient.builder(), sim);
    }

    @AfterAll
    static void stop() {
        ssm.close();
        sim.close();
    }

    static String send(SsmClient ssm, List<String> instanceIds, Map<String, List<String>> parameters) {
        return ssm.sendCommand(b -> b.instanceIds(instanceIds).documentName("AWS-RunShellScript").parameters(parameters).comment("spotsim test"))
                .command().commandId();
    }

    static GetCommandInvocationResponse awaitEnd(SsmClient ssm, String commandId, String instanceId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(instanceId)),
                        r -> r.status() != CommandInvocationStatus.PENDING && r.status() != CommandInvocationStatus.IN_PROGRESS);
    }

    @Test
    void aCommandRunsOnTwoInstancesEachWithItsOwnIdRegionAndMetadataEndpoint() {
        List<String> ids = sim.instances().stream().map(v -> v.instanceId()).toList();
        String commandId = send(ssm, ids, Map.of("commands", List.of("echo \"id=$AWS_SSM_INSTANCE_ID region=$AWS_SSM_REGION_NAME\"",
                "echo \"imds=$AWS_EC2_METADATA_SERVICE_ENDPOINT\"", "echo \"cwd=$(pwd)\"", "echo oops >&2")));
        for (String id : ids) {
            GetCommandInvocationResponse r = awaitEnd(ssm, commandId, id);
            assertThat(r.status()).isEqualTo(CommandInvocationStatus.SUCCESS);
            assertThat(r.responseCode()).isZero();
            assertThat(r.standardOutputContent()).contains("id=" + id + " region=us-east-1").contains("imds=" + sim.imdsEndpoint(id))
                    .contains("cwd=").contains(id);
            assertThat(r.standardErrorContent()).isEqualTo("oops\n");
            assertThat(r.pluginName()).isEqualTo("aws:runShellScript");
            assertThat(r.executionElapsedTime()).matches("PT\\d+(\\.\\d{1,3})?S");
            assertThat(r.executionStartDateTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
        }
        var command = ssm.listCommands(b -> b.commandId(commandId)).commands().get(0);
        assertThat(command.status()).isEqualTo(CommandStatus.SUCCESS);
        assertThat(command.targetCount()).isEqualTo(2);
        assertThat(command.completedCount()).isEqualTo(2);
        assertThat(command.comment()).isEqualTo("spotsim test");
        List<CommandInvocation> invocations = ssm.listCommandInvocations(b -> b.commandId(commandId).details(true)).commandInvocations();
        assertThat(invocations).extracting(CommandInvocation::instanceId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(invocations.get(0).commandPlugins().get(0).output()).contains("id=").contains("----------ERROR-------\noops");
        assertThat(ssm.listCommandInvocations(b -> b.commandId(commandId)).commandInvocations().get(0).commandPlugins()).isEmpty();
    }

    @Test
    void aFailingScriptReportsItsExitCode() {
        String id = sim.firstInstanceId();
        String commandId = send(ssm, List.of(id), Map.of("commands", List.of("echo bad >&2", "exit 3")));
        GetCommandInvocationResponse r = awaitEnd(ssm, commandId, id);
        assertThat(r.status()).isEqualTo(CommandInvocationStatus.FAILED);
        assertThat(r.responseCode()).isEqualTo(3);
        assertThat(r.standardErrorContent()).isEqualTo("bad\n");
        assertThat(ssm.listCommands(b -> b.commandId(commandId)).commands().get(0).status()).isEqualTo(CommandStatus.FAILED);
    }

    @Test
    void targetsByTagPickTheTaggedInstances() {
        String id = sim.firstInstanceId();
        String commandId = ssm.sendCommand(b -> b.targets(Target.builder().key("InstanceIds").values(id).build())
                .documentName("AWS-RunShellScript").parameters(Map.of("commands", List.of("true")))).command().commandId();
        assertThat(awaitEnd(ssm, commandId, id).status()).isEqualTo(CommandInvocationStatus.SUCCESS);
        var none = ssm.sendCommand(b -> b.targets(Target.builder().key("tag:team").values("nobody").build())
                .documentName("AWS-RunShellScript").parameters(Map.of("commands", List.of("true")))).command();
        assertThat(none.targetCount()).isZero();
    }

    @Test
    void outputIsCutAtTheModelsLimits() {
        String id = sim.firstInstanceId();
        String commandId = send(ssm, List.of(id), Map.of("commands", List.of("head -c 30000 /dev/zero | tr '\\0' a", "head -c 9000 /dev/zero | tr '\\0' b >&2")));
        GetCommandInvocationResponse r = awaitEnd(ssm, commandId, id);
        assertThat(r.standardOutputContent()).hasSize(24_000);
        assertThat(r.standardErrorContent()).hasSize(8_000);
        String output = ssm.listCommandInvocations(b -> b.commandId(commandId).details(true)).commandInvocations().get(0).commandPlugins().get(0)
                .output();
        assertThat(output).hasSize(2_500);
    }

    @Test
    void listsArePagedWithNextToken() {
        String id = sim.firstInstanceId();
        for (int i = 0; i < 3; i++) {
            send(ssm, List.of(id), Map.of("commands", List.of("true")));
        }
        var first = ssm.listCommands(b -> b.maxResults(2));
        assertThat(first.commands()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        long all = ssm.listCommandsPaginator(b -> b.maxResults(2)).commands().stream().count();
        assertThat(all).isGreaterThanOrEqualTo(3).isEqualTo(ssm.listCommands(b -> b.maxResults(50)).commands().size());
        long invocations = ssm.listCommandInvocationsPaginator(b -> b.maxResults(1)).commandInvocations().stream().count();
        assertThat(invocations).isGreaterThanOrEqualTo(3);
        assertThatThrownBy(() -> ssm.listCommands(b -> b.nextToken("not-ours"))).isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void badRequestsGetSsmsErrorCodes() {
        String id = sim.firstInstanceId();
        Map<String, List<String>> ok = Map.of("commands", List.of("true"));
        assertThatThrownBy(() -> send(ssm, List.of("i-0000000000000dead"), ok)).isInstanceOf(InvalidInstanceIdException.class);
        assertThatThrownBy(() -> ssm.sendCommand(b -> b.instanceIds(id).documentName("AWS-RunPowerShellScript").parameters(ok)))
                .isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> send(ssm, List.of(id), Map.of("command", List.of("true")))).isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> send(ssm, List.of(id), Map.of("commands", List.of("true"), "executionTimeout", List.of("0"))))
                .isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> ssm.sendCommand(b -> b.instanceIds(id).documentName("AWS-RunShellScript").parameters(ok).timeoutSeconds(10)))
                .isInstanceOfSatisfying(SsmException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("'timeoutSeconds'");
                });
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> ssm.getCommandInvocation(b -> b.commandId(unknown).instanceId(id))).isInstanceOf(InvalidCommandIdException.class);
        String commandId = send(ssm, List.of(id), ok);
        String other = sim.instances().get(1).instanceId();
        assertThatThrownBy(() -> ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(other)))
                .isInstanceOf(InvocationDoesNotExistException.class);
        assertThatThrownBy(() -> ssm.listCommands(b -> b.maxResults(51)))
                .isInstanceOfSatisfying(SsmException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> ssm.cancelCommand(b -> b.commandId(unknown))).isInstanceOf(InvalidCommandIdException.class);
    }
}
