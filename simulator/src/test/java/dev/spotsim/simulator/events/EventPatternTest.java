package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Ruler;

/**
 * EventBridge pattern semantics, table-driven: every case states the expected answer, and AWS's own
 * engine (aws/event-ruler, the one behind EventBridge) must give the same answer on the same event.
 * Tables use ' for " so they stay readable.
 */
class EventPatternTest {
    private static final String EVENT = json("""
            {'version': '0', 'id': '1', 'detail-type': 'EC2 Spot Instance Interruption Warning', 'source': 'aws.ec2',
             'account': '123456789012', 'time': '2026-01-01T12:00:00Z', 'region': 'us-east-1',
             'resources': ['arn:aws:ec2:us-east-1a:instance/i-0abc', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc'],
             'detail': {'instance-id': 'i-0abc', 'instance-action': 'terminate', 'count': 3, 'ratio': 0.25, 'flag': null,
                        'empty': '', 'none': [], 'spot': true, 'tags': ['web', 'spot'], 'codes': [1, 7],
                        'path': 'a*b\\\\c', 'info': {'zone': 'us-east-1a'},
                        'attempts': [{'exitCode': 137, 'reason': 'Host EC2 (instance i-0abc) terminated.'},
                                     {'exitCode': 0, 'reason': 'Essential container in task exited'}]}}
            """);

    static Stream<Arguments> matching() {
        return table("""
                true  | {'source': ['aws.ec2']}
                false | {'source': ['aws.autoscaling']}
                true  | {'source': ['aws.autoscaling', 'aws.ec2']}
                true  | {'source': ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning']}
                false | {'source': ['aws.ec2'], 'detail-type': ['EC2 Instance Rebalance Recommendation']}
                true  | {'detail': {'instance-action': ['terminate']}}
                false | {'detail': {'instance-action': ['stop', 'hibernate']}}
                false | {'detail': {'missing': ['x']}}
                true  | {'detail': {'info': {'zone': ['us-east-1a']}}}
                false | {'detail': {'info': ['us-east-1a']}}
                true  | {'detail': {'instance-id': [{'prefix': 'i-0'}]}}
                false | {'detail': {'instance-id': [{'prefix': 'i-1'}]}}
                true  | {'detail': {'instance-id': [{'prefix': ''}]}}
                false | {'detail': {'count': [{'prefix': '3'}]}}
                true  | {'detail-type': [{'prefix': {'equals-ignore-case': 'ec2 SPOT'}}]}
                true  | {'detail': {'instance-id': [{'suffix': 'abc'}]}}
                false | {'detail': {'instance-id': [{'suffix': 'ABC'}]}}
                true  | {'detail': {'instance-id': [{'suffix': {'equals-ignore-case': 'ABC'}}]}}
                true  | {'detail': {'instance-action': [{'equals-ignore-case': 'TERMINATE'}]}}
                false | {'detail': {'flag': [{'equals-ignore-case': 'NULL'}]}}
                false | {'detail': {'instance-action': [{'anything-but': 'terminate'}]}}
                true  | {'detail': {'instance-action': [{'anything-but': ['stop', 'hibernate']}]}}
                false | {'detail': {'count': [{'anything-but': [3, 4]}]}}
                true  | {'detail': {'count': [{'anything-but': 'x'}]}}
                true  | {'detail': {'flag': [{'anything-but': 'x'}]}}
                true  | {'detail': {'spot': [{'anything-but': 'true'}]}}
                false | {'detail': {'instance-id': [{'anything-but': {'prefix': 'i-0'}}]}}
                true  | {'detail': {'instance-id': [{'anything-but': {'prefix': ['x', 'y']}}]}}
                false | {'detail': {'instance-id': [{'anything-but': {'suffix': 'abc'}}]}}
                false | {'detail': {'instance-action': [{'anything-but': {'equals-ignore-case': ['STOP', 'Terminate']}}]}}
                false | {'detail': {'instance-id': [{'anything-but': {'wildcard': 'i-*'}}]}}
                false | {'detail': {'missing': [{'anything-but': 'x'}]}}
                false | {'detail': {'none': [{'anything-but': 'x'}]}}
                false | {'detail': {'info': [{'anything-but': 'x'}]}}
                true  | {'detail': {'tags': [{'anything-but': 'web'}]}}
                false | {'detail': {'tags': [{'anything-but': ['web', 'spot']}]}}
                true  | {'detail': {'instance-id': [{'exists': true}]}}
                false | {'detail': {'instance-id': [{'exists': false}]}}
                true  | {'detail': {'missing': [{'exists': false}]}}
                false | {'detail': {'missing': [{'exists': true}]}}
                true  | {'detail': {'flag': [{'exists': true}]}}
                false | {'detail': {'none': [{'exists': true}]}}
                true  | {'detail': {'none': [{'exists': false}]}}
                false | {'detail': {'info': [{'exists': true}]}}
                true  | {'detail': {'info': [{'exists': false}]}}
                true  | {'nowhere': {'deeper': [{'exists': false}]}}
                true  | {'source': {'deeper': [{'exists': false}]}}
                true  | {'detail': {'missing': [{'exists': false}, 'x']}}
                true  | {'detail': {'count': [{'numeric': ['>', 0, '<=', 3]}]}}
                false | {'detail': {'count': [{'numeric': ['>', 3]}]}}
                true  | {'detail': {'count': [{'numeric': ['>=', 3]}]}}
                true  | {'detail': {'count': [{'numeric': ['=', 3]}]}}
                true  | {'detail': {'count': [{'numeric': ['=', 3.0]}]}}
                true  | {'detail': {'ratio': [{'numeric': ['>', 0.2, '<', 0.3]}]}}
                false | {'detail': {'ratio': [{'numeric': ['<', 0.25]}]}}
                false | {'detail': {'instance-id': [{'numeric': ['>', 0]}]}}
                true  | {'detail': {'codes': [{'numeric': ['>', 5]}]}}
                false | {'detail': {'codes': [{'numeric': ['>', 7]}]}}
                true  | {'detail': {'count': [3.0]}}
                true  | {'detail': {'count': [3]}}
                false | {'detail': {'count': ['3']}}
                true  | {'detail': {'spot': [true]}}
                false | {'detail': {'spot': ['true']}}
                true  | {'detail': {'flag': [null]}}
                false | {'detail': {'flag': ['']}}
                false | {'detail': {'missing': [null]}}
                true  | {'detail': {'empty': ['']}}
                false | {'detail': {'empty': [null]}}
                true  | {'detail': {'tags': ['spot']}}
                false | {'detail': {'tags': ['batch']}}
                true  | {'resources': ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc']}
                true  | {'resources': [{'wildcard': 'arn:aws:ec2:*:instance/i-0*'}]}
                false | {'resources': [{'wildcard': 'arn:aws:s3:*'}]}
                true  | {'detail': {'path': [{'wildcard': 'a\\\\*b\\\\\\\\*'}]}}
                false | {'detail': {'path': [{'wildcard': 'a\\\\*c*'}]}}
                false | {'detail': {'count': [{'wildcard': '*'}]}}
                true  | {'detail': {'attempts': {'exitCode': [137]}}}
                true  | {'detail': {'attempts': {'exitCode': [137], 'reason': [{'prefix': 'Host EC2'}]}}}
                false | {'detail': {'attempts': {'exitCode': [0], 'reason': [{'prefix': 'Host EC2'}]}}}
                true  | {'detail': {'attempts': {'exitCode': [0], 'reason': [{'anything-but': {'prefix': 'Host EC2'}}]}}}
                false | {'detail': {'attempts': {'missing': [{'exists': true}]}}}
                true  | {'detail': {'attempts': {'missing': [{'exists': false}]}}}
                false | {'detail': {'attempts': {'exitCode': [{'exists': false}]}}}
                true  | {'$or': [{'source': ['aws.ecs']}, {'detail': {'instance-action': ['terminate']}}]}
                false | {'$or': [{'source': ['aws.ecs']}, {'detail': {'instance-action': ['stop']}}]}
                true  | {'source': ['aws.ec2'], '$or': [{'detail': {'count': [{'numeric': ['>', 5]}]}}, {'detail': {'spot': [true]}}]}
                true  | {'detail': {'$or': [{'count': [9]}, {'ratio': [0.25]}]}}
                false | {'detail': {'$or': [{'count': [9]}, {'ratio': [0.5]}]}}
                true  | {'detail': {'attempts': {'$or': [{'exitCode': [137]}, {'reason': ['x']}]}}}
                """);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("matching")
    void matchesLikeEventBridge(String pattern, boolean expected) throws Exception {
        assertThat(EventPattern.parse(pattern).matches(new ObjectMapper().readTree(EVENT))).as("ours").isEqualTo(expected);
        assertThat(Ruler.matchesRule(EVENT, pattern)).as("AWS's engine").isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return table("""
                pattern.source: expected a non-empty array | {'source': 'aws.ec2'}
                pattern.source: expected a non-empty array | {'source': []}
                pattern.detail: expected a non-empty JSON object | {'detail': {}}
                pattern.source: expected a value or a matcher object, not a nested array | {'source': [['aws.ec2']]}
                pattern.detail.count: numeric: expected | {'detail': {'count': [{'numeric': ['~', 3]}]}}
                pattern.detail.count: numeric: expected | {'detail': {'count': [{'numeric': ['<', 10, '>', 0]}]}}
                pattern.detail.count: numeric: expected | {'detail': {'count': [{'numeric': ['=', 3, '<', 6]}]}}
                pattern.detail.count: numeric: expected | {'detail': {'count': [{'numeric': ['>', '3']}]}}
                pattern.detail.count: numeric: expected | {'detail': {'count': [{'numeric': 3}]}}
                pattern.detail.count: numeric: the lower bound must be less | {'detail': {'count': [{'numeric': ['>', 5, '<', 5]}]}}
                pattern.source: unknown matcher "regex" | {'source': [{'regex': 'x'}]}
                pattern.source: a matcher object has exactly one key | {'source': [{'prefix': 'a', 'suffix': 'b'}]}
                pattern.source: exists: expected true or false | {'source': [{'exists': 'yes'}]}
                pattern.source: prefix: expected a string | {'source': [{'prefix': 5}]}
                pattern.source: equals-ignore-case: expected a string | {'source': [{'equals-ignore-case': ['a']}]}
                pattern.source: anything-but: expected a non-empty list of only strings or only numbers | {'source': [{'anything-but': ['a', 5]}]}
                pattern.source: anything-but: expected a string, a number | {'source': [{'anything-but': true}]}
                pattern.source: anything-but: "exists" cannot be negated | {'source': [{'anything-but': {'exists': true}}]}
                pattern.source: wildcard: consecutive '*' | {'source': [{'wildcard': 'a**'}]}
                pattern.source: wildcard: a backslash must escape | {'source': [{'wildcard': 'a\\\\b'}]}
                pattern.$or: expected an array of at least two patterns | {'$or': [{'source': ['a']}]}
                pattern.$or[1]: expected a non-empty JSON object | {'$or': [{'source': ['a']}, 5]}
                pattern: expected a non-empty JSON object | [1]
                """);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void badPatternsSayWhichFieldIsWrongAndWhatItExpects(String message, String pattern) {
        assertThatThrownBy(() -> EventPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> Ruler.matchesRule(EVENT, pattern)).as("AWS's engine refuses it too").isInstanceOf(Exception.class);
    }

    @Test
    void textThatIsNotJsonIsRefusedAsSuch() {
        assertThatThrownBy(() -> EventPattern.parse("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pattern: not valid JSON");
    }

    @Test
    void anEmptyOrAbsentPatternMatchesEverything() throws Exception {
        assertThat(EventPattern.parse("{}").matches(new ObjectMapper().readTree(EVENT))).isTrue();
        assertThat(EventPattern.parse((com.fasterxml.jackson.databind.JsonNode) null).matches(null)).isTrue();
        assertThat(EventPattern.any().matches(new ObjectMapper().readTree(EVENT))).isTrue();
    }

    @Test
    void theRuleAwsDocumentsForSpotWarningsMatchesOurWarning() throws Exception {
        Event warning = Ec2Events.spotInterruptionWarning(InstanceIdentity.generated(0, "c5.large", "us-east-1a", "spot"),
                InterruptionAction.TERMINATE, Instant.parse("2026-01-01T12:00:00Z"));
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
        String rule = json("{'source': ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning']}");
        assertThat(EventPattern.parse(rule).matches(warning.toJson())).isTrue();
        assertThat(Ruler.matchesRule(warning.toJsonLine(), rule)).isTrue();
        assertThat(EventPattern.parse(json("{'detail': {'instance-action': ['stop']}}")).matches(warning.toJson())).isFalse();
    }

    /** Rows of "left | right", ' standing for ". */
    private static Stream<Arguments> table(String rows) {
        return rows.lines().filter(l -> !l.isBlank()).map(l -> {
            String[] parts = l.split("\\|", 2);
            String left = parts[0].trim();
            String right = json(parts[1].trim());
            return Arrays.asList("true", "false").contains(left) ? Arguments.of(right, Boolean.parseBoolean(left)) : Arguments.of(left, right);
        });
    }

    private static String json(String quoted) {
        return quoted.replace('\'', '"');
    }
}
