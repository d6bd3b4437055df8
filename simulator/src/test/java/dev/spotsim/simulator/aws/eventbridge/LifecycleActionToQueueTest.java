package dev.spotsim.simulator.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import dev.spotsim.scenarios.model.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The node termination handler's queue mode: one queue fed by a Spot warning rule and an Auto
 * Scaling lifecycle rule; both reach it for an interrupted group instance, and the consumer's
 * CompleteLifecycleAction (with the token from the queue) lets the instance go before its action time.
 */
class LifecycleActionToQueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anInterruptedGroupInstanceSendsItsWarningAndItsTerminateLifecycleActionToTheQueueAndTheConsumerCompletesIt() throws Exception {
        try (SpotSim sim = SpotSim.builder().group(new GroupSpec("nodes", 2, AllocationStrategy.DIVERSIFIED, Duration.ofSeconds(1), false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED)))).start();
             SqsClient sqs = AwsClients.of(SqsClient.builder(), sim);
             EventBridgeClient events = AwsClients.of(EventBridgeClient.builder(), sim);
             software.amazon.awssdk.services.autoscaling.AutoScalingClient asg =
                     AwsClients.of(software.amazon.awssdk.services.autoscaling.AutoScalingClient.builder(), sim)) {
            // As the node termination handler's queue mode is set up: a terminating hook whose actions reach the queue.
            asg.putLifecycleHook(b -> b.autoScalingGroupName("nodes").lifecycleHookName("nth-drain")
                    .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(300));
            String url = sqs.createQueue(b -> b.queueName("nth")).queueUrl();
            Target queue = Target.builder().id("nth").arn("arn:aws:sqs:us-east-1:123456789012:nth").build();
            events.putRule(b -> b.name("nth-spot").eventPattern("{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Spot Instance Interruption Warning\"]}"));
            events.putRule(b -> b.name("nth-asg").eventPattern("{\"source\":[\"aws.autoscaling\"],\"detail-type\":[\"EC2 Instance-terminate Lifecycle Action\"]}"));
            events.putTargets(b -> b.rule("nth-spot").targets(queue));
            events.putTargets(b -> b.rule("nth-asg").targets(queue));

            // Group instances launch pending; only a running one can be interrupted.
            await().atMost(Duration.ofSeconds(20)).until(() -> sim.instances().stream()
                    .filter(v -> v.state() == dev.spotsim.simulator.instance.InstanceState.RUNNING).count() == 2);
            String victim = sim.instances().get(0).instanceId();
            sim.interrupt(victim, new InterruptRequest(null, Duration.ofMinutes(2), null, null));

            java.util.Map<String, JsonNode> byType = new java.util.HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (byType.size() < 2 && System.nanoTime() < deadline) {
                for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(10)).messages()) {
                    JsonNode e = JSON.readTree(m.body());
                    byType.put(e.path("detail-type").asText(), e);
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
            assertThat(byType).containsOnlyKeys("EC2 Spot Instance Interruption Warning", "EC2 Instance-terminate Lifecycle Action");
            JsonNode hook = byType.get("EC2 Instance-terminate Lifecycle Action").path("detail");
            assertThat(hook.path("EC2InstanceId").asText()).isEqualTo(victim);
            assertThat(hook.path("AutoScalingGroupName").asText()).isEqualTo("nodes");
            assertThat(hook.path("LifecycleHookName").asText()).isEqualTo("nth-drain");
            assertThat(hook.path("LifecycleTransition").asText()).isEqualTo("autoscaling:EC2_INSTANCE_TERMINATING");
            assertThat(byType.get("EC2 Spot Instance Interruption Warning").path("detail").path("instance-id").asText()).isEqualTo(victim);
            assertThat(asg.describeAutoScalingInstances(b -> b.instanceIds(victim)).autoScalingInstances().get(0).lifecycleState())
                    .isEqualTo("Terminating:Wait");

            // Drained (nothing runs here): the consumer completes the action with the queue's token, as the handler does.
            asg.completeLifecycleAction(b -> b.autoScalingGroupName("nodes").lifecycleHookName("nth-drain")
                    .lifecycleActionToken(hook.path("LifecycleActionToken").asText()).lifecycleActionResult("CONTINUE"));

            // The instance goes now, not at the action time two minutes after the notice.
            await().atMost(Duration.ofSeconds(20)).until(() -> sim.fleet().instance(victim).state() == dev.spotsim.simulator.instance.InstanceState.SHUTTING_DOWN
                    || sim.fleet().instance(victim).state() == dev.spotsim.simulator.instance.InstanceState.TERMINATED);
        }
    }
}
