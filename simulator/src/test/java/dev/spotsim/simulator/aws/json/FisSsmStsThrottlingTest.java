package dev.spotsim.simulator.aws.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The front door's throttling faults reach FIS, SSM and STS in each protocol's shape, and the SDK retries through them. */
class FisSsmStsThrottlingTest {
    private static SpotSim sim;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().instances(1).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static void throttle(String service, int calls) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/aws/faults"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"" + service + "\",\"throttle\":" + calls + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
    }

    @Test
    void theSdkRetriesThroughAFewThrottledCallsAndGivesUpOnMany() throws Exception {
        try (SsmClient ssm = LocalAws.client(SsmClient.builder(), sim); FisClient fis = LocalAws.client(FisClient.builder(), sim);
             StsClient sts = LocalAws.client(StsClient.builder(), sim)) {
            throttle("ssm", 2);
            assertThat(ssm.listCommands().commands()).isEmpty();
            throttle("fis", 2);
            assertThat(fis.listExperiments(b -> { }).experiments()).isEmpty();
            throttle("sts", 2);
            assertThat(sts.getCallerIdentity().account()).isNotBlank();

            throttle("ssm", 10);
            assertThatThrownBy(ssm::listCommands).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
            throttle("fis", 10);
            assertThatThrownBy(() -> fis.listExperiments(b -> { })).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
            throttle("sts", 10);
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));
        }
    }
}
