package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.workload.ExecResult;
import dev.spotsim.simulator.workload.ProcessRuntime;
import dev.spotsim.simulator.workload.ProcessSpec;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.Signal;
import dev.spotsim.simulator.workload.WorkloadExit;
import dev.spotsim.simulator.workload.WorkloadLaunch;
import dev.spotsim.simulator.workload.WorkloadRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link ProcessRuntime} seen only through the runtime interface, which writes down every
 * call a platform makes (signals, execs) and can name another stop signal, as an image's STOPSIGNAL would.
 */
final class RecordingRuntime implements WorkloadRuntime {
    record Call(Instant at, String taskId, String what) {
    }

    private final ProcessRuntime real;
    private final Signal stopSignal;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<RunningWorkload> started = new CopyOnWriteArrayList<>();

    RecordingRuntime(String command, Path workingDir, Signal stopSignal) {
        this.real = new ProcessRuntime(ProcessSpec.shell(command).in(workingDir), Clock.systemUTC());
        this.stopSignal = stopSignal;
    }

    List<String> calls(String taskId) {
        return calls.stream().filter(c -> c.taskId().equals(taskId)).map(Call::what).toList();
    }

    @Override
    public RunningWorkload start(WorkloadLaunch launch) throws IOException {
        RunningWorkload w = new Recorded(real.start(launch));
        started.add(w);
        return w;
    }

    @Override
    public String kind() {
        return "recorded-" + real.kind();
    }

    @Override
    public void close() {
        real.close();
    }

    private final class Recorded implements RunningWorkload {
        private final RunningWorkload w;

        Recorded(RunningWorkload w) {
            this.w = w;
        }

        @Override
        public String taskId() {
            return w.taskId();
        }

        @Override
        public String describe() {
            return w.describe();
        }

        @Override
        public void signal(Signal signal) {
            calls.add(new Call(Instant.now(), w.taskId(), signal.name()));
            w.signal(signal);
        }

        @Override
        public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
            calls.add(new Call(Instant.now(), w.taskId(), "exec " + String.join(" ", argv)));
            return w.exec(argv, timeout);
        }

        @Override
        public CompletableFuture<WorkloadExit> onExit() {
            return w.onExit();
        }

        @Override
        public boolean isAlive() {
            return w.isAlive();
        }

        @Override
        public Path log() {
            return w.log();
        }

        @Override
        public List<String> logTail(int lines) {
            return w.logTail(lines);
        }

        @Override
        public void remove() {
            w.remove();
        }

        @Override
        public Signal stopSignal() {
            return stopSignal == null ? w.stopSignal() : stopSignal;
        }
    }
}
