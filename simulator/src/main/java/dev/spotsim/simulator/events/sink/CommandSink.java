package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.pattern.EventPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "EventBridge rule -> SSM Run Command" pattern from AWS's Spot guidance, locally: each matching
 * event runs a shell command with the event JSON on stdin and the instance's environment (e.g. to
 * checkpoint work before the instance goes). One command at a time, in event order, on the sink's
 * own thread; a command that outlives its timeout is killed with its children.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
 */
public final class CommandSink implements EventSink {
    /** SSM Run Command's own default is an hour; a Spot notice lasts two minutes, so a minute is plenty. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(CommandSink.class);
    private static final int KEPT_RESULTS = 100;
    private final String name;
    private final String command;
    private final Duration timeout;
    private final EventPattern pattern;
    private final Function<Event, Map<String, String>> environment;
    private final ExecutorService runner;
    private final Deque<Result> results = new ArrayDeque<>();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** What one run did: exit code (null when killed or not started), whether it hit the timeout, its output (capped). */
    public record Result(String eventId, Instant started, Duration took, Integer exitCode, boolean timedOut, String output) {
        public boolean failed() {
            return exitCode == null || exitCode != 0;
        }
    }

    /**
     * @param environment variables for the event's instance (its id, its IMDS endpoint, ...), added to
     *                    the simulator's own environment and SPOTSIM_EVENT_ID / SPOTSIM_EVENT_DETAIL_TYPE
     * @param timeout     null for {@link #DEFAULT_TIMEOUT}
     * @param pattern     which events run the command (null: all)
     */
    public CommandSink(String name, String command, Function<Event, Map<String, String>> environment, Duration timeout,
                       EventPattern pattern) {
        this.name = name;
        this.command = command;
        this.environment = environment == null ? e -> Map.of() : environment;
        this.timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        this.pattern = pattern == null ? EventPattern.any() : pattern;
        this.runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spotsim-command-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A command with the same extra variables for every event. */
    public CommandSink(String name, String command, Map<String, String> environment, Duration timeout, EventPattern pattern) {
        this(name, command, e -> environment, timeout, pattern);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EventPattern pattern() {
        return pattern;
    }

    @Override
    public void deliver(Event event) {
        deliver(event, event.toJsonLine());
    }

    @Override
    public void deliver(Event event, String jsonLine) {
        runner.submit(() -> record(event, ShellCommand.run(command, variables(event), jsonLine + "\n", timeout)));
    }

    private Map<String, String> variables(Event event) {
        Map<String, String> vars = new HashMap<>(environment.apply(event));
        vars.put("SPOTSIM_EVENT_ID", event.id());
        vars.put("SPOTSIM_EVENT_DETAIL_TYPE", event.detailType());
        return vars;
    }

    private void record(Event event, ShellCommand.Outcome o) {
        Result r = new Result(event.id(), o.started(), o.took(), o.exitCode(), o.timedOut(), o.output());
        runs.incrementAndGet();
        if (r.failed()) {
            failures.incrementAndGet();
            LOG.warn("command sink {} for event {}: {}", name, r.eventId(),
                    r.timedOut() ? "killed after " + timeout.toMillis() + " ms" : r.exitCode() == null ? r.output() : "exit " + r.exitCode());
        }
        synchronized (results) {
            results.addLast(r);
            if (results.size() > KEPT_RESULTS) {
                results.removeFirst();
            }
        }
    }

    /** The last runs (at most 100), oldest first. */
    public List<Result> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "command");
        m.put("command", command);
        m.put("runs", runs.get());
        m.put("failed", failures.get());
        List<Result> last = results();
        m.put("lastExitCode", last.isEmpty() ? null : last.get(last.size() - 1).exitCode());
        return m;
    }

    /** Stops taking events; a command still running is killed (and reaped before this returns), queued ones never start. */
    @Override
    public void close() {
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("command sink {} did not stop within 10 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
