package dev.spotsim.simulator.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import dev.spotsim.simulator.fleet.InterruptRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The drain consumer a team would write: an EventBridge rule for Spot interruption warnings feeding
 * an SQS queue, long-polled by a real SqsClient while the fleet interrupts an instance.
 */
class SpotWarningDrainConsumerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATTERN = "{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Spot Instance Interruption Warning\"]}";

    @Test
    void anInterruptionWarningReachesTheQueueAndComesBackIfNotDeletedInTime() throws Exception {
        try (SpotSim sim = SpotSim.builder().instances(2).start();
             SqsClient sqs = AwsClients.of(SqsClient.builder(), sim);
             EventBridgeClient events = AwsClients.of(EventBridgeClient.builder(), sim)) {
            String url = sqs.createQueue(b -> b.queueName("spot-warnings")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributesAsStrings()
                    .get("QueueArn");
            events.putRule(b -> b.name("spot-warnings").eventPattern(PATTERN));
            events.putTargets(b -> b.rule("spot-warnings").targets(Target.builder().id("drain-queue").arn(arn).build()));

            String victim = sim.instances().get(1).instanceId();
            sim.interrupt(victim, new InterruptRequest(null, Duration.ofSeconds(120), null, null));

            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).maxNumberOfMessages(10).visibilityTimeout(1))
                    .messages();
            assertThat(got).hasSize(1);
            JsonNode event = JSON.readTree(got.get(0).body());
            assertThat(event.path("detail-type").asText()).isEqualTo("EC2 Spot Instance Interruption Warning");
            assertThat(event.path("source").asText()).isEqualTo("aws.ec2");
            assertThat(event.path("detail").path("instance-id").asText()).isEqualTo(victim);
            assertThat(event.path("detail").path("instance-action").asText()).isEqualTo("terminate");
            assertThat(event.path("region").asText()).isEqualTo("us-east-1");

            // Not deleted within its one-second visibility timeout: delivered again, to the next poll.
            List<Message> again = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages();
            assertThat(again).extracting(Message::messageId).containsExactly(got.get(0).messageId());
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(again.get(0).receiptHandle()));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages()).as("deleted, and nothing else matched")
                    .isEmpty();
        }
    }
}
