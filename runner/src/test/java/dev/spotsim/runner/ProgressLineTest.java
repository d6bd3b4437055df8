package dev.spotsim.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void whileWorkloadsStartALineIsPrintedWhenTheHealthyCountChangesNotOnEveryTick() {
        StringWriter text = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(text, true), Duration.ZERO);

        progress.startingTick(0, 4);
        progress.startingTick(0, 4);
        progress.startingTick(0, 4);
        progress.startingTick(2, 4);
        progress.startingTick(2, 4);
        progress.startingTick(4, 4);

        assertThat(text.toString().lines()).containsExactly("  healthy 0/4", "  healthy 2/4", "  healthy 4/4");
    }
}
