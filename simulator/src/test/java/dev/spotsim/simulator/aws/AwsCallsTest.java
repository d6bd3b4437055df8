package dev.spotsim.simulator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsCallsTest {
    private final SpotSim sim = SpotSim.builder().instances(1).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void everyCallReceivedIsListedWithWhetherItOnlyReads() throws Exception {
        try (Ec2Client ec2 = AwsClients.of(Ec2Client.builder(), sim); SqsClient sqs = AwsClients.of(SqsClient.builder(), sim)) {
            ec2.describeInstances();
            sqs.createQueue(b -> b.queueName("drain"));
        }

        JsonNode all = get("");
        JsonNode onlySqs = get("?service=sqs");

        assertThat(operations(all)).containsExactly("ec2 DescribeInstances read", "sqs CreateQueue write");
        assertThat(operations(onlySqs)).containsExactly("sqs CreateQueue write");
        assertThat(all.at("/calls/0/region").asText()).isEqualTo("us-east-1");
    }

    @Test
    void deleteClearsTheList() throws Exception {
        try (Ec2Client ec2 = AwsClients.of(Ec2Client.builder(), sim)) {
            ec2.describeRegions();
        }
        HttpResponse<String> cleared = http.send(HttpRequest.newBuilder(uri("")).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(get("").path("calls")).isEmpty();
    }

    private URI uri(String query) {
        return URI.create(sim.controlUrl() + "/aws/calls" + query);
    }

    private JsonNode get(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(query)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    private static List<String> operations(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("calls").forEach(c -> out.add(c.path("service").asText() + " " + c.path("operation").asText() + " "
                + (c.path("read").asBoolean() ? "read" : "write")));
        return out;
    }
}
