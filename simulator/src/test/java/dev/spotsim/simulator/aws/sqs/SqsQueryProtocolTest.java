package dev.spotsim.simulator.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** SQS's query protocol (API version 2012-11-05) as older clients speak it: signed form posts, XML answers. */
class SqsQueryProtocolTest {
    private static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static SpotSim sim;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().instances(1).start();
        http = new RawHttp("http://127.0.0.1:" + sim.controlPort());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A form post signed (by scope only: signatures are not checked) for sqs in eu-west-1. */
    private static HttpResponse<String> post(String path, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        params.putIfAbsent("Version", "2012-11-05");
        String body = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return http.send("POST", path, body, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8", "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDQUERY/20261129/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=00");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Element xml(HttpResponse<String> r) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        return d.getDocumentElement();
    }

    private static String text(Element root, String tag) {
        var nodes = root.getElementsByTagNameNS(NS, tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Test
    void aQueueIsCreatedWithFlattenedAttributesAndItsArnNamesTheSigningRegion() throws Exception {
        HttpResponse<String> created = post("/", "Action", "CreateQueue", "QueueName", "q-attrs", "Attribute.1.Name", "VisibilityTimeout",
                "Attribute.1.Value", "7");
        assertThat(created.statusCode()).isEqualTo(200);
        Element root = xml(created);
        assertThat(root.getLocalName()).isEqualTo("CreateQueueResponse");
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        String url = text(root, "QueueUrl");
        assertThat(url).isEqualTo("http://127.0.0.1:" + sim.controlPort() + "/123456789012/q-attrs");
        assertThat(text(root, "RequestId")).isNotBlank();
        Element attrs = xml(post("/", "Action", "GetQueueAttributes", "QueueUrl", url, "AttributeName.1", "All"));
        Map<String, String> byName = new LinkedHashMap<>();
        var entries = attrs.getElementsByTagNameNS(NS, "Attribute");
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            byName.put(text(e, "Name"), text(e, "Value"));
        }
        assertThat(byName).containsEntry("VisibilityTimeout", "7").containsEntry("QueueArn", "arn:aws:sqs:eu-west-1:123456789012:q-attrs");
    }

    @Test
    void aMessageWithAttributesRoundTripsThroughTheQueueUrlPathWithItsDigests() throws Exception {
        post("/", "Action", "CreateQueue", "QueueName", "q-msgs");
        String path = "/123456789012/q-msgs";
        Element sent = xml(post(path, "Action", "SendMessage", "MessageBody", "a<b>&c\r\n", "MessageAttribute.1.Name", "kind",
                "MessageAttribute.1.Value.DataType", "String", "MessageAttribute.1.Value.StringValue", "spot"));
        assertThat(text(sent, "MD5OfMessageBody")).isEqualTo(SqsJsonProtocolTest.md5("a<b>&c\r\n"));
        assertThat(text(sent, "MD5OfMessageAttributes")).hasSize(32);
        Element got = xml(post(path, "Action", "ReceiveMessage", "MessageAttributeName.1", "All", "AttributeName.1", "ApproximateReceiveCount",
                "MaxNumberOfMessages", "5"));
        Element message = (Element) got.getElementsByTagNameNS(NS, "Message").item(0);
        assertThat(text(message, "Body")).isEqualTo("a<b>&c\r\n");
        assertThat(text(message, "MessageId")).isEqualTo(text(sent, "MessageId"));
        assertThat(text(message, "MD5OfMessageAttributes")).isEqualTo(text(sent, "MD5OfMessageAttributes"));
        Element attribute = (Element) message.getElementsByTagNameNS(NS, "MessageAttribute").item(0);
        assertThat(text(attribute, "Name")).isEqualTo("kind");
        assertThat(text(attribute, "StringValue")).isEqualTo("spot");
        assertThat(text(attribute, "DataType")).isEqualTo("String");
        Element system = (Element) message.getElementsByTagNameNS(NS, "Attribute").item(0);
        assertThat(text(system, "Name")).isEqualTo("ApproximateReceiveCount");
        HttpResponse<String> deleted = post(path, "Action", "DeleteMessage", "ReceiptHandle", text(message, "ReceiptHandle"));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(xml(deleted).getLocalName()).isEqualTo("DeleteMessageResponse");
        assertThat(xml(post(path, "Action", "ReceiveMessage")).getElementsByTagNameNS(NS, "Message").getLength()).isZero();
    }

    @Test
    void errorsComeAsAnErrorResponseWithTheLegacyCode() throws Exception {
        HttpResponse<String> missing = post("/", "Action", "GetQueueUrl", "QueueName", "nowhere");
        assertThat(missing.statusCode()).isEqualTo(400);
        Element root = xml(missing);
        assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
        assertThat(text(root, "Code")).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(text(root, "Type")).isEqualTo("Sender");
        assertThat(text(root, "RequestId")).isNotBlank();
        post("/", "Action", "CreateQueue", "QueueName", "q-errors");
        HttpResponse<String> badHandle = post("/123456789012/q-errors", "Action", "DeleteMessage", "ReceiptHandle", "zzz");
        assertThat(badHandle.statusCode()).isEqualTo(404);
        assertThat(text(xml(badHandle), "Code")).isEqualTo("ReceiptHandleIsInvalid");
        HttpResponse<String> unknown = post("/", "Action", "Frobnicate");
        assertThat(text(xml(unknown), "Code")).isEqualTo("InvalidAction");
    }

    @Test
    void batchesAndListingsUseTheirFlattenedEntryNames() throws Exception {
        post("/", "Action", "CreateQueue", "QueueName", "q-batch");
        Element sent = xml(post("/123456789012/q-batch", "Action", "SendMessageBatch",
                "SendMessageBatchRequestEntry.1.Id", "one", "SendMessageBatchRequestEntry.1.MessageBody", "1",
                "SendMessageBatchRequestEntry.2.Id", "two", "SendMessageBatchRequestEntry.2.MessageBody", ""));
        Element ok = (Element) sent.getElementsByTagNameNS(NS, "SendMessageBatchResultEntry").item(0);
        assertThat(text(ok, "Id")).isEqualTo("one");
        Element failed = (Element) sent.getElementsByTagNameNS(NS, "BatchResultErrorEntry").item(0);
        assertThat(text(failed, "Id")).isEqualTo("two");
        assertThat(text(failed, "SenderFault")).isEqualTo("true");
        Element listed = xml(post("/", "Action", "ListQueues", "QueueNamePrefix", "q-batch"));
        assertThat(listed.getElementsByTagNameNS(NS, "QueueUrl").getLength()).isEqualTo(1);
    }
}
