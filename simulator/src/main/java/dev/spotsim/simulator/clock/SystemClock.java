package dev.spotsim.simulator.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wall-clock time with a single daemon scheduler thread; close it when the simulator stops. */
public final class SystemClock implements SimClock, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemClock.class);
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    public SystemClock() {
        this(Clock.systemUTC());
    }

    SystemClock(Clock clock) {
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spotsim-clock");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        long delayNanos = Math.max(0, Duration.between(now(), at).toNanos());
        ScheduledFuture<?> future = scheduler.schedule(() -> runLogged(task), delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failing transition must not kill the scheduler thread; it is a bug worth a loud log line.
            LOG.error("scheduled simulator task failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
