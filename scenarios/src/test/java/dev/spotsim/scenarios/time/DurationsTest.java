package dev.spotsim.scenarios.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "30s,PT30S", "2m,PT2M", "1h30m,PT1H30M", "PT2M,PT2M", "1.5s,PT1.5S", "1d,PT24H", "0s,PT0S"})
    void parsesWhatUsersWrite(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"120", "2 minutes", "2min", "-5s", "s", "", "PTxM", "1h 30m"})
    void rejectsAnythingElseNamingTheExpectedForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a duration like \"500ms\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-5S", "-PT1M", "PT0.0001S", "1.0005s", "0.5ms", "8d", "169h", "P8D", "99999999999999999999999h"})
    void refusesWhatTheSimulatorCannotHonourExactly(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void sevenDaysIsTheLongestDuration() {
        assertThat(Durations.parse("7d")).isEqualTo(Durations.MAX);
        assertThat(Durations.parse("PT168H")).isEqualTo(Durations.MAX);
    }

    @ParameterizedTest
    @CsvSource({"PT2M,2m", "PT1M30S,1m30s", "PT0.25S,250ms", "PT0S,0s", "PT2H5S,2h5s"})
    void formatsTheShortestExactForm(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }
}
