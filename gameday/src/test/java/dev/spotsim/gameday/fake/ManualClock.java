package dev.spotsim.gameday.fake;

import dev.spotsim.gameday.run.RunClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** A run clock that jumps forward on every pause, so minutes of polling take milliseconds; hooks see each new instant. */
public final class ManualClock implements RunClock {
    private volatile Instant now;
    private final List<Consumer<Instant>> onPause = new ArrayList<>();

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void pause(Duration duration, CountDownLatch wake) {
        if (wake.getCount() == 0) {
            return;
        }
        now = now.plus(duration);
        List.copyOf(onPause).forEach(hook -> hook.accept(now));
    }

    /** Runs {@code hook} after every pause with the new time (e.g. to press Ctrl-C at a given moment). */
    public void onPause(Consumer<Instant> hook) {
        onPause.add(hook);
    }
}
