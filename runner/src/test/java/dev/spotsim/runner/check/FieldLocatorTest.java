package dev.spotsim.runner.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A finding's field is found where the scenario writes it, in YAML and JSON alike. */
class FieldLocatorTest {
    private static final String YAML = """
            name: x
            workload:
              lane: ecs-ec2
              stopTimeout: 90s
            interruptions:
              - at: 5s
                notice: 10s
              - {at: 9s, notice: 30s}
            """;

    @Test
    void aWrittenFieldIsFoundAtItsOwnLineAndColumn() {
        FieldLocator at = FieldLocator.of(YAML, false);
        assertThat(at.lineAndColumn("workload.stopTimeout")).isEqualTo("4:3");
        assertThat(at.lineAndColumn("interruptions[1].notice")).isEqualTo("8:14");
        assertThat(at.lineAndColumn("interruptions[0].notice")).isEqualTo("7:5");
    }

    @Test
    void aFieldLeftToItsDefaultPointsAtTheNearestWrittenParent() {
        FieldLocator at = FieldLocator.of(YAML, false);
        assertThat(at.lineAndColumn("workload.drainTimeout")).isEqualTo("2:1");
        assertThat(at.lineAndColumn("loadBalancer.deregistrationDelay")).isNull();
    }

    @Test
    void jsonFieldsAreFoundToo() {
        FieldLocator at = FieldLocator.of("{\n  \"workload\": {\n    \"stopTimeout\": \"90s\"\n  }\n}\n", true);
        assertThat(at.lineAndColumn("workload.stopTimeout")).isEqualTo("3:5");
    }

    @Test
    void textThatBreaksPartwayKeepsWhatWasReadBeforeTheBreakInsteadOfFailing() {
        FieldLocator at = FieldLocator.of("name: x\nworkload: [unclosed\nslos: {}\n", false);
        assertThat(at.lineAndColumn("workload.lane")).isEqualTo("2:1");
        assertThat(at.lineAndColumn("slos")).isNull();
    }
}
