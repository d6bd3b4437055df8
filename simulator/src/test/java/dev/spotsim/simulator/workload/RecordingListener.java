package dev.spotsim.simulator.workload;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down every workload event as "kind" plus its time, for tests of order and timing. */
final class RecordingListener implements WorkloadListener {
    record Heard(String kind, Instant at) {
    }

    final List<Heard> heard = new CopyOnWriteArrayList<>();

    @Override
    public void started(WorkloadProcess process, Instant at) {
        heard.add(new Heard("started", at));
    }

    @Override
    public void terminated(WorkloadProcess process, Instant at) {
        heard.add(new Heard("terminated", at));
    }

    @Override
    public void killed(WorkloadProcess process, Instant at) {
        heard.add(new Heard("killed", at));
    }

    @Override
    public void exited(WorkloadProcess process, Instant at, int exitCode) {
        heard.add(new Heard("exited " + exitCode, at));
    }

    List<String> kinds() {
        return heard.stream().map(Heard::kind).toList();
    }
}
