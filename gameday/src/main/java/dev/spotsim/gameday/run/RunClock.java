package dev.spotsim.gameday.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Time for a game day: the current instant and a pause between polls that a stop can cut short.
 * Tests pass a clock that moves forward on every pause, so minutes of polling take milliseconds.
 */
public interface RunClock {
    Instant now();

    /** Waits {@code duration}, or less when {@code wake} is counted down. */
    void pause(Duration duration, CountDownLatch wake) throws InterruptedException;

    /** The wall clock. */
    static RunClock system() {
        return new RunClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void pause(Duration duration, CountDownLatch wake) throws InterruptedException {
                wake.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }
}
