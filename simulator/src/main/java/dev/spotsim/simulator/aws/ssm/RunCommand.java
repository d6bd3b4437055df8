package dev.spotsim.simulator.aws.ssm;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.CloseHook;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.workload.WorkloadGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SSM commands on simulated instances: each instance has its own folder under a temporary
 * directory this class owns (its working directory), each invocation a real {@code /bin/sh} child
 * process with the instance's id, region and metadata endpoint in its environment. Timeouts run on
 * the simulator's clock. Every process and the folder go when the simulator closes; should spotsim die
 * first (kill -9), the {@link WorkloadGuard} that guards workloads kills them, or the next spotsim reaps them.
 */
final class RunCommand {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private final AwsContext context;
    private final Path root;
    private final Map<String, CommandRun> commands = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    /** Process groups ever started: children a script left behind are killed at close too. */
    private final Set<Long> groups = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Started with the first command; lists the process groups still alive. */
    private WorkloadGuard guard;

    RunCommand(AwsContext context) {
        this.context = context;
        try {
            this.root = Files.createTempDirectory("spotsim-ssm-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SSM working folder", e);
        }
        context.fleet().addListener(this::instanceChanged);
        CloseHook.onClose(context.vertx(), "ssm-run-command", this::close);
    }

    /** The folder that stands for an instance's disk: the default working directory of its commands. */
    Path instanceFolder(String instanceId) {
        return root.resolve(instanceId);
    }

    /** Records a command and delivers it to each running target; the others wait for delivery until {@code timeoutSeconds}. */
    CommandRun send(CommandRun run) {
        synchronized (order) {
            commands.put(run.commandId, run);
            order.add(run.commandId);
        }
        for (Invocation inv : run.invocations) {
            InstanceView v = context.fleet().instance(inv.instanceId);
            if (v.state().isUp()) {
                deliver(run, inv);
            } else {
                inv.deliveryTimer(context.clock().schedule(run.requested.plusSeconds(run.timeoutSeconds),
                        () -> end(inv, InvocationStatus.TIMED_OUT, "DeliveryTimedOut", -1)));
            }
        }
        return run;
    }

    CommandRun command(String commandId) {
        return commands.get(commandId);
    }

    /** Every command, newest first. */
    List<CommandRun> commands() {
        synchronized (order) {
            List<CommandRun> all = new ArrayList<>(order.stream().map(commands::get).toList());
            all.sort(Comparator.comparing((CommandRun c) -> c.requested).reversed());
            return all;
        }
    }

    /** Cancels the invocations on {@code instanceIds} (all when empty) that have not ended; their processes are killed. */
    void cancel(CommandRun run, List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            run.markCancelled();
        }
        for (Invocation inv : run.invocations) {
            if (instanceIds.isEmpty() || instanceIds.contains(inv.instanceId)) {
                end(inv, InvocationStatus.CANCELLED, "Cancelled", -1);
            }
        }
        if (run.invocations.stream().allMatch(i -> i.status().terminal()) && run.invocations.stream()
                .anyMatch(i -> i.status() == InvocationStatus.CANCELLED)) {
            run.markCancelled();
        }
    }

    private void deliver(CommandRun run, Invocation inv) {
        if (closed || inv.status() != InvocationStatus.PENDING) {
            return;
        }
        Path home = instanceFolder(inv.instanceId);
        Instant now = context.clock().now();
        try {
            Files.createDirectories(home);
            Path cwd = workingDirectory(run, home);
            if (!Files.isDirectory(cwd)) {
                Files.createDirectories(inv.folder);
                Files.writeString(inv.folder.resolve(ScriptProcess.STDERR), "Working directory " + cwd + " doesn't exist\n", StandardCharsets.UTF_8);
                end(inv, InvocationStatus.FAILED, "Failed", 1);
                return;
            }
            ScriptProcess p = startGuarded(inv, run, cwd);
            inv.running(p, now, context.clock().schedule(now.plus(run.executionTimeout),
                    () -> end(inv, InvocationStatus.TIMED_OUT, "ExecutionTimedOut", -1)));
            p.exit().thenAccept(code -> {
                end(inv, code == 0 ? InvocationStatus.SUCCESS : InvocationStatus.FAILED, code == 0 ? "Success" : "Failed", code);
                forgetIfGone(p.pid());
            });
            if (closed) {
                p.killTree();
            }
        } catch (IOException e) {
            LOG.warn("SSM command {} could not start on {}: {}", run.commandId, inv.instanceId, e.getMessage());
            end(inv, InvocationStatus.FAILED, "Failed", 1);
        }
    }

    /**
     * Starts the script under the guard, which SIGKILLs its process group should this JVM die; the guard is
     * started with the first command (and leftovers of a spotsim that died are reaped then).
     */
    private ScriptProcess startGuarded(Invocation inv, CommandRun run, Path cwd) throws IOException {
        synchronized (groups) {
            if (closed) {
                throw new IOException("the simulator is closing");
            }
            if (guard == null) {
                List<String> reaped = WorkloadGuard.reapLeftovers();
                if (!reaped.isEmpty()) {
                    LOG.warn("killed {} process(es) an earlier spotsim left running when it died: {}", reaped.size(), String.join(", ", reaped));
                }
                guard = WorkloadGuard.start();
            }
            ScriptProcess p = ScriptProcess.start(inv.folder, run.parameters.get("commands"), cwd, environment(inv.instanceId));
            groups.add(p.pid());
            guard.add(p.handle());
            return p;
        }
    }

    /** The shell's session is empty (nothing it started lives on): its id may be reused, so it leaves the guard. */
    private void forgetIfGone(long pid) {
        if (!ScriptProcess.sessionAlive(pid)) {
            synchronized (groups) {
                groups.remove(pid);
                if (guard != null) {
                    guard.remove(pid);
                }
            }
        }
    }

    private static Path workingDirectory(CommandRun run, Path home) {
        List<String> wd = run.parameters.get("workingDirectory");
        if (wd == null || wd.isEmpty() || wd.get(0).isBlank()) {
            return home;
        }
        return home.resolve(wd.get(0));
    }

    /** What the SSM Agent and spotsim put in a command's environment. */
    private Map<String, String> environment(String instanceId) {
        InstanceView v = context.fleet().instance(instanceId);
        String region = v.identity().region();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_SSM_INSTANCE_ID", instanceId);
        env.put("AWS_SSM_REGION_NAME", region);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("SPOTSIM_INSTANCE_ID", instanceId);
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", context.imdsEndpoint().apply(instanceId));
        return env;
    }

    /** Ends an invocation (first end wins) and kills its process tree when it still runs. */
    private void end(Invocation inv, InvocationStatus status, String details, int code) {
        ScriptProcess p = inv.finish(status, details, code, context.clock().now());
        if (p != null) {
            p.killTree();
        }
    }

    /** An instance that comes up gets its pending commands; one that shuts down or stops loses its running ones. */
    private void instanceChanged(InstanceView before, InstanceView after) {
        if (before != null && before.state() == after.state()) {
            return;
        }
        String id = after.instanceId();
        boolean lost = after.state() == InstanceState.SHUTTING_DOWN || after.state() == InstanceState.STOPPING;
        for (CommandRun run : commands.values()) {
            Invocation inv = run.invocation(id);
            if (inv == null) {
                continue;
            }
            if (after.state() == InstanceState.RUNNING && inv.status() == InvocationStatus.PENDING) {
                deliver(run, inv);
            } else if (lost && inv.status() == InvocationStatus.IN_PROGRESS) {
                end(inv, InvocationStatus.FAILED, "Failed", -1);
            }
        }
    }

    /** The global reset: commands still running are cancelled (their processes killed), then every command is forgotten. */
    int clear() {
        List<CommandRun> all;
        synchronized (order) {
            all = new ArrayList<>(commands.values());
            commands.clear();
            order.clear();
        }
        for (CommandRun run : all) {
            if (!run.invocations.stream().allMatch(i -> i.status().terminal())) {
                cancel(run, List.of());
            }
        }
        return all.size();
    }

    /** Kills every process still running and deletes the working folders. */
    void close() {
        closed = true;
        for (CommandRun run : commands.values()) {
            for (Invocation inv : run.invocations) {
                ScriptProcess p = inv.process();
                if (p != null) {
                    end(inv, InvocationStatus.CANCELLED, "Cancelled", -1);
                    p.killTree();
                }
            }
        }
        synchronized (groups) {
            groups.forEach(ScriptProcess::killGroup);
            if (guard != null) {
                guard.close();
            }
        }
        deleteTree(root);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
