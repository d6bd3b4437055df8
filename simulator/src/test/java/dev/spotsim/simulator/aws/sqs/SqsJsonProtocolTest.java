package dev.spotsim.simulator.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The SDK v2 SqsClient (JSON 1.0) against a real simulator: every operation, its errors, and pagination. */
class SqsJsonProtocolTest {
    private static SpotSim sim;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().instances(1).start();
        sqs = AwsClients.of(SqsClient.builder(), sim);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        sim.close();
    }

    static String md5(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    @Test
    void aQueueUrlNamesTheEndpointTheAccountAndTheQueueAndItsArnTheRegion() {
        String url = queue("urls");
        assertThat(url).isEqualTo("http://127.0.0.1:" + sim.controlPort() + "/123456789012/urls");
        assertThat(sqs.getQueueUrl(b -> b.queueName("urls")).queueUrl()).isEqualTo(url);
        Map<String, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All")).attributesAsStrings();
        assertThat(attrs).containsEntry("QueueArn", "arn:aws:sqs:us-east-1:123456789012:urls").containsEntry("VisibilityTimeout", "30")
                .containsEntry("ApproximateNumberOfMessages", "0").containsKeys("CreatedTimestamp", "MaximumMessageSize");
    }

    @Test
    void creatingTheSameQueueTwiceIsFineButWithOtherAttributesItIsQueueNameExists() {
        String url = sqs.createQueue(b -> b.queueName("twice").attributesWithStrings(Map.of("VisibilityTimeout", "5"))).queueUrl();
        assertThat(sqs.createQueue(b -> b.queueName("twice").attributesWithStrings(Map.of("VisibilityTimeout", "5"))).queueUrl()).isEqualTo(url);
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName("twice").attributesWithStrings(Map.of("VisibilityTimeout", "6"))))
                .isInstanceOf(QueueNameExistsException.class)
                .satisfies(e -> assertThat(((SqsException) e).awsErrorDetails().errorCode()).isEqualTo("QueueAlreadyExists"));
    }

    @Test
    void aMissingQueueIsQueueDoesNotExistWithTheLegacyCodeInTheQueryErrorHeader() {
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("nowhere")))
                .isInstanceOf(QueueDoesNotExistException.class)
                .satisfies(e -> assertThat(((SqsException) e).awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
        HttpResponse<String> raw = new RawHttp("http://127.0.0.1:" + sim.controlPort()).send("POST", "/", "{\"QueueName\":\"nowhere\"}",
                "Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "AmazonSQS.GetQueueUrl");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.headers().firstValue("x-amzn-query-error")).hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
        assertThat(raw.body()).contains("\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\"");
    }

    @Test
    void aSentMessageIsReceivedWithItsDigestsAttributesAndSystemAttributes() throws Exception {
        String url = queue("roundtrip");
        Map<String, MessageAttributeValue> attrs = Map.of(
                "kind", MessageAttributeValue.builder().dataType("String").stringValue("spot").build(),
                "count", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("xy")).build());
        // The SDK checks MD5OfMessageBody and MD5OfMessageAttributes itself and throws on a mismatch.
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody("héllo\r\nworld").messageAttributes(attrs));
        assertThat(sent.md5OfMessageBody()).isEqualTo(md5("héllo\r\nworld"));
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(got).hasSize(1);
        Message m = got.get(0);
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.body()).isEqualTo("héllo\r\nworld");
        assertThat(m.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
        assertThat(m.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
        assertThat(m.messageAttributes()).isEqualTo(attrs);
        assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1").containsEntry("SenderId", "AKIDSPOTSIMTEST")
                .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");
    }

    @Test
    void anEmptyQueueLongPollsUntilAMessageArrivesAndShortPollsAnswerAtOnce() throws Exception {
        String url = queue("longpoll");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("late"));
        });
        Instant start = Instant.now();
        sender.start();
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages();
        sender.join();
        assertThat(got).extracting(Message::body).containsExactly("late");
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        Instant empty = Instant.now();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(Duration.between(empty, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aMessageNotDeletedComesBackAfterItsVisibilityTimeoutAndADeletedOneDoesNot() {
        String url = queue("visibility");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("again"));
        Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(1)).messages().get(0);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).as("in flight").isEmpty();
        Message second = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).messageSystemAttributeNames(
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(second.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(second.receiptHandle()).visibilityTimeout(0));
        Message third = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30)).messages().get(0);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(third.receiptHandle()));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages()).isEmpty();
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void aMadeUpReceiptHandleIsReceiptHandleIsInvalid() {
        String url = queue("handles");
        assertThatThrownBy(() -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("not-a-handle")))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
        assertThatThrownBy(() -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle("bad").visibilityTimeout(5)))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
    }

    @Test
    void batchesSendAndDeleteEachEntryAndReportTheOnesThatFail() {
        String url = queue("batches");
        SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("one").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("two").delaySeconds(901).build()));
        assertThat(sent.successful()).extracting(e -> e.id()).containsExactly("a");
        assertThat(sent.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("b");
            assertThat(f.code()).isEqualTo("InvalidParameterValue");
            assertThat(f.senderFault()).isTrue();
        });
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().get(0);
        var deleted = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                DeleteMessageBatchRequestEntry.builder().id("ok").receiptHandle(m.receiptHandle()).build(),
                DeleteMessageBatchRequestEntry.builder().id("bad").receiptHandle("junk").build()));
        assertThat(deleted.successful()).extracting(e -> e.id()).containsExactly("ok");
        assertThat(deleted.failed()).extracting(f -> f.code()).containsExactly("ReceiptHandleIsInvalid");
        assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
        assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("x").messageBody("1").build(),
                SendMessageBatchRequestEntry.builder().id("x").messageBody("2").build())))
                .isInstanceOf(BatchEntryIdsNotDistinctException.class);
    }

    @Test
    void purgeEmptiesTheQueueOnceAMinute() {
        String url = queue("purge");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("gone"));
        sqs.purgeQueue(b -> b.queueUrl(url));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        assertThatThrownBy(() -> sqs.purgeQueue(b -> b.queueUrl(url))).isInstanceOf(PurgeQueueInProgressException.class)
                .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(403));
    }

    @Test
    void listQueuesFiltersByPrefixAndPagesOnlyWhenMaxResultsIsGiven() {
        for (String n : List.of("page-a", "page-b", "page-c")) {
            queue(n);
        }
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("page-")).queueUrls()).hasSize(3);
        var first = sqs.listQueues(b -> b.queueNamePrefix("page-").maxResults(2));
        assertThat(first.queueUrls()).extracting(u -> u.substring(u.lastIndexOf('/') + 1)).containsExactly("page-a", "page-b");
        assertThat(first.nextToken()).isNotNull();
        var second = sqs.listQueues(b -> b.queueNamePrefix("page-").maxResults(2).nextToken(first.nextToken()));
        assertThat(second.queueUrls()).extracting(u -> u.substring(u.lastIndexOf('/') + 1)).containsExactly("page-c");
        assertThat(second.nextToken()).isNull();
        assertThat(sqs.listQueuesPaginator(b -> b.queueNamePrefix("page-").maxResults(1)).queueUrls()).hasSize(3);
    }

    @Test
    void badInputGetsSqsOwnErrors() {
        String url = queue("bad-input");
        assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOf(SqsException.class).hasMessageContaining("MaxNumberOfMessages")
                .satisfies(e -> assertThat(((SqsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("Colour")))
                .isInstanceOf(InvalidAttributeNameException.class);
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName("has space"))).isInstanceOf(SqsException.class)
                .hasMessageContaining("alphanumeric");
        HttpResponse<String> raw = new RawHttp("http://127.0.0.1:" + sim.controlPort()).send("POST", "/", "{not json",
                "Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "AmazonSQS.ListQueues");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("SerializationException");
    }

    @Test
    void aDeletedQueueIsGoneAndItsNameWaitsAMinute() {
        String url = queue("deleted");
        sqs.deleteQueue(b -> b.queueUrl(url));
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x"))).isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName("deleted"))).isInstanceOf(SqsException.class)
                .satisfies(e -> assertThat(((SqsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("AWS.SimpleQueueService.QueueDeletedRecently"));
    }
}
