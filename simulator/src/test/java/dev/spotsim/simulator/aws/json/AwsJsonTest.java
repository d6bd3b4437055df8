package dev.spotsim.simulator.aws.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsJsonTest {
    record Input(List<String> instanceIds, Integer maxResults, Map<String, String> tags) {
    }

    record Output(String commandId, Instant requestedDateTime, String comment) {
    }

    private static AwsRequest request(String body) {
        return new AwsRequest("r", "ssm", "us-east-1", AwsProtocol.JSON_1_1, "X", "POST", "/", Map.of(), Map.of(), Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void upperCamelMembersBindToJavaRecordsAndBack() {
        AwsJson json = new AwsJson(MemberCase.UPPER_CAMEL);
        Input in = json.read(request("{\"InstanceIds\":[\"i-1\"],\"MaxResults\":5,\"Tags\":{\"Name\":\"a\"},\"Unknown\":1}"), Input.class);
        assertThat(in).isEqualTo(new Input(List.of("i-1"), 5, Map.of("Name", "a")));
        String out = json.write(new Output("c-1", Instant.parse("2026-11-29T10:00:00.123Z"), null));
        assertThat(out).isEqualTo("{\"CommandId\":\"c-1\",\"RequestedDateTime\":1795946400.123}");
    }

    @Test
    void lowerCamelServicesKeepJavaNames() {
        AwsJson json = new AwsJson(MemberCase.LOWER_CAMEL);
        assertThat(json.write(new Output("c", null, "x"))).isEqualTo("{\"commandId\":\"c\",\"comment\":\"x\"}");
        AwsResponse r = json.answer(AwsProtocol.REST_JSON, new Output("c", null, null));
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void aMemberOfTheWrongTypeIsAValidationExceptionNamingIt() {
        AwsJson json = new AwsJson(MemberCase.UPPER_CAMEL);
        assertThatThrownBy(() -> json.read(request("{\"MaxResults\":\"five\"}"), Input.class))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).contains("'maxResults'").contains("a number");
                });
        assertThatThrownBy(() -> json.read(request("{\"InstanceIds\":\"i-1\"}"), Input.class))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("'instanceIds'").contains("a list"));
    }

    @Test
    void malformedJsonIsASerializationException() {
        AwsJson json = new AwsJson(MemberCase.UPPER_CAMEL);
        assertThatThrownBy(() -> json.tree(request("{\"a\":")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SerializationException"));
        assertThatThrownBy(() -> json.tree(request("[1]")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("JSON object"));
        assertThat(json.tree(request("")).size()).isZero();
    }

    @Test
    void checksListEveryViolationInAwsWords() {
        Checks c = new Checks().range("maxResults", 100, 1, 50).required("documentName", null).length("comment", "x".repeat(101), 0, 100);
        assertThatThrownBy(c::orThrow).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("ValidationException");
            assertThat(e.getMessage()).startsWith("3 validation errors detected: Value '100' at 'maxResults' failed to satisfy constraint: "
                    + "Member must have value less than or equal to 50; Value null at 'documentName'");
        });
    }

    @Test
    void pagesWalkTheWholeListAndRejectForeignTokens() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        Pages.Page<Integer> first = Pages.of(all, null, 2, 50, "InvalidNextToken");
        Pages.Page<Integer> second = Pages.of(all, first.nextToken(), 2, 50, "InvalidNextToken");
        Pages.Page<Integer> last = Pages.of(all, second.nextToken(), 2, 50, "InvalidNextToken");
        assertThat(first.items()).containsExactly(1, 2);
        assertThat(second.items()).containsExactly(3, 4);
        assertThat(last.items()).containsExactly(5);
        assertThat(last.nextToken()).isNull();
        assertThatThrownBy(() -> Pages.of(all, "garbage", 2, 50, "InvalidNextToken"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidNextToken"));
    }
}
