package dev.spotsim.simulator.aws.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class StsServiceTest {
    private static SpotSim sim;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().instances(1).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void getCallerIdentityNamesTheSimulatorsAccountWhateverTheCredentialsAndRegion() {
        try (StsClient sts = LocalAws.client(StsClient.builder(), sim, Region.EU_WEST_1)) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            String account = sim.instances().get(0).identity().accountId();
            assertThat(me.account()).isEqualTo(account);
            assertThat(me.arn()).isEqualTo("arn:aws:iam::" + account + ":user/spotsim");
            assertThat(me.userId()).startsWith("AIDA");
        }
    }

    @Test
    void anOperationStsDoesNotServeIsAnInvalidActionInTheQueryErrorShape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.controlPort() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAFAKE/20261129/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x")
                .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRole&Version=2011-06-15")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Type>Sender</Type>").contains("<Code>InvalidAction</Code>");
    }
}
