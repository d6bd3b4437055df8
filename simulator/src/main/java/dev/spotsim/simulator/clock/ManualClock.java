package dev.spotsim.simulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A clock that moves only when told; due tasks run, in time order, on the thread that advances it. */
public final class ManualClock implements SimClock {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        Task t;
        synchronized (this) {
            t = new Task(at, sequence++, task);
            queue.add(t);
        }
        if (!at.isAfter(now())) {
            runDue();
        }
        return t;
    }

    /** Moves time forward by {@code step}, running every task that falls due on the way at its own time. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock does not go backwards: " + step);
        }
        Instant target;
        synchronized (this) {
            target = now.plus(step);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            next.runOnce();
        }
    }

    private void runDue() {
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(now)) {
                    return;
                }
                queue.poll();
            }
            next.runOnce();
        }
    }

    private final class Task implements Comparable<Task>, Scheduled {
        final Instant at;
        final long seq;
        final Runnable body;
        boolean done;

        Task(Instant at, long seq, Runnable body) {
            this.at = at;
            this.seq = seq;
            this.body = body;
        }

        void runOnce() {
            synchronized (ManualClock.this) {
                if (done) {
                    return;
                }
                done = true;
            }
            SystemClock.runLogged(body);
        }

        @Override
        public boolean cancel() {
            synchronized (ManualClock.this) {
                if (done) {
                    return false;
                }
                done = true;
                queue.remove(this);
                return true;
            }
        }

        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
