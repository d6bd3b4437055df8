package dev.spotsim.cli.gameday;

import dev.spotsim.gameday.run.GamedayResult;
import dev.spotsim.gameday.ssm.Invocation;
import dev.spotsim.gatling.figures.FiguresCodec;
import dev.spotsim.gatling.figures.Latencies;
import dev.spotsim.gatling.figures.LoadFigures;
import dev.spotsim.gatling.figures.Rebucketing;
import dev.spotsim.gatling.figures.Window;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.scenarios.model.Slo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * The game day's load as one: every generator's {@code spotsim load} figures (from its SSM output) and
 * the local Gatling's, merged window by window with their histograms, then cut into the record's
 * seconds and phases. A window wider than a second (figures squeezed into SSM's cap) counts in its first second.
 */
final class GamedayLoad {
    private final LoadFigures figures;
    private final List<String> problems = new ArrayList<>();

    private GamedayLoad(LoadFigures figures) {
        this.figures = figures;
    }

    /** The merged figures of every generator that reported some, and of {@code local} (null: none). */
    static GamedayLoad of(GamedayResult r, LoadFigures local) {
        List<LoadFigures> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Invocation i : r.invocations()) {
            try {
                FiguresCodec.fromOutput(i.stdout(), i.instanceId()).ifPresent(all::add);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (local != null) {
            all.add(local);
        }
        GamedayLoad load = new GamedayLoad(all.isEmpty() ? null : Rebucketing.merge(all));
        load.problems.addAll(problems);
        return load;
    }

    Optional<LoadFigures> figures() {
        return Optional.ofNullable(figures);
    }

    /** Output that looked like figures but could not be read. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Figures over the windows {@code include} accepts, spanning {@code seconds}. */
    PhaseStats stats(Predicate<Window> include, double seconds) {
        long requests = 0;
        long failures = 0;
        Map<String, Long> byCause = new TreeMap<>();
        Histogram h = Latencies.empty();
        for (Window w : figures.windows()) {
            if (include.test(w)) {
                requests += w.requests();
                failures += w.failures();
                w.failuresByCause().forEach((c, n) -> byCause.merge(c, n, Long::sum));
                h.add(Latencies.decode(w.histogram()));
            }
        }
        return new PhaseStats(requests, failures, byCause, Latencies.percentileMillis(h, 50), Latencies.percentileMillis(h, 90),
                Latencies.percentileMillis(h, 95), Latencies.percentileMillis(h, 99), Latencies.maxMillis(h), Latencies.meanMillis(h), seconds);
    }

    /** Per phase, from the windows that start in it. */
    Map<String, PhaseStats> phases(GamedayPhases phases, GamedayResult r) {
        Map<Slo.Phase, Long> secondsIn = new EnumMap<>(Slo.Phase.class);
        for (Instant t = r.loadStartedAt(); t.isBefore(r.endedAt()); t = t.plusSeconds(1)) {
            secondsIn.merge(phases.at(t), 1L, Long::sum);
        }
        Map<String, PhaseStats> out = new LinkedHashMap<>();
        for (Slo.Phase p : Slo.Phase.values()) {
            out.put(p.wireName(), stats(w -> phases.at(w.start()) == p, secondsIn.getOrDefault(p, 0L)));
        }
        return out;
    }

    /**
     * One row per second from the load's start: requests, failures and percentiles from the figures,
     * running capacity from the last EC2 poll at or before the second, and the phase.
     */
    static List<SecondSample> seconds(GamedayResult r, GamedayLoad load, GamedayPhases phases) {
        Map<Long, Window> bySecond = new TreeMap<>();
        if (load.figures != null) {
            load.figures.windows().forEach(w -> bySecond.put(Duration.between(r.loadStartedAt(), w.start()).toSeconds(), w));
        }
        long last = Math.max(0, Duration.between(r.loadStartedAt(), r.endedAt()).toSeconds());
        List<SecondSample> out = new ArrayList<>();
        for (long s = 0; s <= last; s++) {
            Instant at = r.loadStartedAt().plusSeconds(s);
            int running = r.capacity().stream().filter(c -> !c.at().isAfter(at)).reduce((a, b) -> b).map(GamedayResult.CapacitySample::running)
                    .orElse(r.desiredCapacity());
            Window w = bySecond.get(s);
            Map<String, Integer> byCause = new TreeMap<>();
            if (w != null) {
                w.failuresByCause().forEach((c, n) -> byCause.put(c, n.intValue()));
            }
            out.add(new SecondSample(s, w == null ? 0 : (int) w.requests(), w == null ? 0 : (int) w.failures(), byCause,
                    w == null ? 0 : w.p50Millis(), w == null ? 0 : w.p95Millis(), w == null ? 0 : w.p99Millis(), running, r.desiredCapacity(),
                    phases.at(at).wireName()));
        }
        return out;
    }
}
