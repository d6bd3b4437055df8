package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.events.pattern.EventPattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EventBridge pattern semantics, table-driven, matches and non-matches alike. */
class EventPatternTest {
    private static final String EVENT = """
            {"version": "0", "id": "1", "detail-type": "EC2 Spot Instance Interruption Warning", "source": "aws.ec2",
             "account": "123456789012", "time": "2026-01-01T12:00:00Z", "region": "us-east-1",
             "resources": ["arn:aws:ec2:us-east-1a:instance/i-0abc"],
             "detail": {"instance-id": "i-0abc", "instance-action": "terminate", "count": 3, "flag": null, "tags": ["web", "spot"]}}
            """;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"source\": [\"aws.ec2\"]}|true",
        "{\"source\": [\"aws.autoscaling\"]}|false",
        "{\"source\": [\"aws.autoscaling\", \"aws.ec2\"]}|true",
        "{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"], \"detail\": {\"instance-action\": [\"terminate\"]}}|true",
        "{\"detail\": {\"instance-action\": [\"stop\", \"hibernate\"]}}|false",
        "{\"detail\": {\"instance-id\": [{\"prefix\": \"i-0\"}]}}|true",
        "{\"detail\": {\"instance-id\": [{\"prefix\": \"i-1\"}]}}|false",
        "{\"detail\": {\"instance-id\": [{\"suffix\": \"abc\"}]}}|true",
        "{\"detail-type\": [{\"prefix\": {\"equals-ignore-case\": \"ec2 spot\"}}]}|true",
        "{\"detail\": {\"instance-action\": [{\"equals-ignore-case\": \"TERMINATE\"}]}}|true",
        "{\"detail\": {\"instance-action\": [{\"anything-but\": \"terminate\"}]}}|false",
        "{\"detail\": {\"instance-action\": [{\"anything-but\": [\"stop\", \"hibernate\"]}]}}|true",
        "{\"detail\": {\"instance-id\": [{\"anything-but\": {\"prefix\": \"i-0\"}}]}}|false",
        "{\"detail\": {\"missing\": [{\"anything-but\": \"x\"}]}}|false",
        "{\"detail\": {\"instance-id\": [{\"exists\": true}]}}|true",
        "{\"detail\": {\"missing\": [{\"exists\": false}]}}|true",
        "{\"detail\": {\"instance-id\": [{\"exists\": false}]}}|false",
        "{\"detail\": {\"count\": [{\"numeric\": [\">\", 0, \"<=\", 3]}]}}|true",
        "{\"detail\": {\"count\": [{\"numeric\": [\">\", 3]}]}}|false",
        "{\"detail\": {\"count\": [{\"numeric\": [\"=\", 3]}]}}|true",
        "{\"detail\": {\"count\": [3.0]}}|true",
        "{\"detail\": {\"flag\": [null]}}|true",
        "{\"detail\": {\"tags\": [\"spot\"]}}|true",
        "{\"detail\": {\"tags\": [\"batch\"]}}|false",
        "{\"resources\": [{\"wildcard\": \"arn:aws:ec2:*:instance/i-0*\"}]}|true",
        "{\"resources\": [{\"wildcard\": \"arn:aws:s3:*\"}]}|false",
        "{\"$or\": [{\"source\": [\"aws.ecs\"]}, {\"detail\": {\"instance-action\": [\"terminate\"]}}]}|true",
        "{\"$or\": [{\"source\": [\"aws.ecs\"]}, {\"detail\": {\"instance-action\": [\"stop\"]}}]}|false",
        "{\"detail\": {\"missing\": [\"x\"]}}|false",
        "{}|true"
    })
    void matchesLikeEventBridge(String pattern, boolean expected) throws Exception {
        JsonNode event = new ObjectMapper().readTree(EVENT);
        assertThat(EventPattern.parse(pattern).matches(event)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"source\": \"aws.ec2\"}|pattern.source: expected an array",
        "{\"source\": []}|expected at least one value",
        "{\"detail\": {\"count\": [{\"numeric\": [\"~\", 3]}]}}|numeric: expected an operator",
        "{\"source\": [{\"regex\": \"x\"}]}|unknown matcher \"regex\"",
        "{\"source\": [{\"exists\": \"yes\"}]}|exists: expected true or false",
        "[1]|expected a JSON object",
        "{\"$or\": [{\"source\": [\"a\"]}]}|at least two patterns",
        "{not json|not valid JSON"
    })
    void badPatternsSayWhatIsWrong(String pattern, String message) {
        assertThatThrownBy(() -> EventPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
