package dev.spotsim.scenarios.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private final List<Selector.Candidate> fleet = List.of(
            new Selector.Candidate("i-1", "c5.large/us-east-1a", "us-east-1a"),
            new Selector.Candidate("i-2", "c5.large/us-east-1a", "us-east-1a"),
            new Selector.Candidate("i-3", "m5.large/us-east-1b", "us-east-1b"));

    private List<String> pick(Selection s, long seed) {
        return Selector.pick(s, fleet, c -> c, seed).stream().map(Selector.Candidate::id).toList();
    }

    @Test
    void exactlyOneWayOfChoosingIsRequired() {
        assertThatThrownBy(() -> new Selection(null, null, null, null, null)).hasMessageContaining("expected one of instances, count, percent or all");
        assertThatThrownBy(() -> new Selection(null, 2, 50.0, null, null)).hasMessageContaining("only one of");
        assertThatThrownBy(() -> Selection.ofCount(0)).hasMessageContaining("count: expected at least 1");
        assertThatThrownBy(() -> new Selection(null, null, 150.0, null, null)).hasMessageContaining("percent");
        assertThatThrownBy(() -> new Selection(null, 1, null, null, new Selection.From("c5.large", null))).hasMessageContaining("pool: expected instance-type/availability-zone");
    }

    @Test
    void namedInstancesMustExist() {
        assertThat(pick(Selection.ofInstances(List.of("i-3", "i-1")), 0)).containsExactly("i-3", "i-1");
        assertThatThrownBy(() -> pick(Selection.ofInstances(List.of("i-9")), 0)).hasMessageContaining("i-9 is not a running Spot Instance");
    }

    @Test
    void countsArePickedFromTheNarrowedSetAndRepeatWithTheSeed() {
        assertThat(pick(new Selection(null, 5, null, null, new Selection.From("c5.large/us-east-1a", null)), 1)).containsExactlyInAnyOrder("i-1", "i-2");
        assertThat(pick(Selection.ofCount(2), 99)).isEqualTo(pick(Selection.ofCount(2), 99));
        assertThat(pick(new Selection(null, null, 34.0, null, null), 3)).hasSize(2);
        assertThat(pick(new Selection(null, null, null, true, new Selection.From(null, "us-east-1b")), 3)).containsExactly("i-3");
    }
}
