package dev.spotsim.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.render.html.Buckets;
import dev.spotsim.reports.render.html.Buckets.Bucket;
import dev.spotsim.reports.render.html.Html;
import dev.spotsim.reports.render.html.Scale;
import dev.spotsim.reports.render.html.Svg.PathData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces the charts are drawn from: buckets, scales and path data. */
class ChartPartsTest {
    @Test
    void shortRunsKeepOneBucketPerSecond() {
        assertThat(Buckets.width(599)).isEqualTo(1);
        assertThat(Buckets.width(600)).isEqualTo(2);
        assertThat(Buckets.width(3599)).isEqualTo(6);
    }

    @Test
    void aBucketKeepsTheDipTheFailuresAndTheWorstLatencyOfItsSeconds() {
        List<SecondSample> seconds = new ArrayList<>();
        for (int t = 0; t < 1200; t++) {
            boolean bad = t == 601;
            seconds.add(new SecondSample(t, 100, bad ? 7 : 0, bad ? Map.of("502", 5) : Map.of(), 3, 8, bad ? 90 : 12,
                    bad ? 4 : 6, 6, "steady"));
        }
        List<Bucket> buckets = Buckets.of(seconds);
        assertThat(buckets).hasSize(600);
        Bucket dip = buckets.get(300); // seconds 600 and 601
        assertThat(dip.from()).isEqualTo(600);
        assertThat(dip.to()).isEqualTo(602);
        assertThat(dip.minHealthy()).isEqualTo(4);
        assertThat(dip.failures()).isEqualTo(7);
        assertThat(dip.failuresByCause()).containsEntry("502", 5L);
        assertThat(dip.failurePercent()).isEqualTo(3.5);
        assertThat(dip.p99Millis()).isEqualTo(90);
        assertThat(dip.requestsPerSecond()).isEqualTo(100);
    }

    @Test
    void secondsWithoutRequestsHaveNoLatencyAndNoErrorRate() {
        Bucket idle = Buckets.of(List.of(new SecondSample(0, 0, 0, Map.of(), 0, 0, 0, 2, 2, "steady"))).get(0);
        assertThat(idle.p50Millis()).isNaN();
        assertThat(idle.failurePercent()).isNaN();
        assertThat(idle.requestsPerSecond()).isZero();
    }

    @Test
    void axesUseRoundStepsAndOneTimeFormat() {
        assertThat(new Scale(0, 30, 0, 100).ticks(4)).containsExactly(0.0, 10.0, 20.0, 30.0);
        assertThat(Scale.niceMax(7, 4, 4)).isEqualTo(8);
        assertThat(Scale.niceMax(0, 1, 4)).isEqualTo(1);
        assertThat(Scale.timeLabel(120, 120)).isEqualTo("120s");
        assertThat(Scale.timeLabel(125, 3600)).isEqualTo("2:05");
        assertThat(Scale.timeLabel(3725, 7200)).isEqualTo("1:02:05");
        assertThat(List.of(Html.num(120, 1), Html.num(2.5, 0), Html.num(0.25, 2), Html.num(-0.04, 1), Html.num(Double.NaN, 1)))
                .containsExactly("120", "3", "0.25", "0", "–");
    }

    @Test
    void aLevelThatContinuesIsOneSegmentAndAGapLiftsThePen() {
        PathData steps = new PathData().hold(0, 10, 5).hold(10, 20, 5).hold(20, 30, 3).to(0, Double.NaN).hold(40, 50, 3);
        assertThat(steps.build()).isEqualTo("M0,5H20L20,3H30M40,3H50");
        PathData line = new PathData().to(0, 1).to(1, 2).to(2, Double.NaN).to(3, 4);
        assertThat(line.build()).isEqualTo("M0,1L1,2M3,4");
    }
}
