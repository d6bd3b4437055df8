package dev.spotsim.simulator.workload.container;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels on everything spotsim creates: which run, task and instance it belongs to, and which spotsim
 * process owns it, so a later run can tell containers of a run that died (kill -9) from a live one's.
 */
public record ContainerLabels(String host, long pid, Instant processStart) {
    public static final String RUN = "dev.spotsim.run";
    public static final String TASK = "dev.spotsim.task";
    public static final String INSTANCE = "dev.spotsim.instance";
    static final String OWNER_HOST = "dev.spotsim.owner.host";
    static final String OWNER_PID = "dev.spotsim.owner.pid";
    static final String OWNER_START = "dev.spotsim.owner.start";

    /** This JVM as the owner. */
    public static ContainerLabels ofThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        Instant start = self.info().startInstant().orElse(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return new ContainerLabels(hostName(), self.pid(), start);
    }

    Map<String, String> forTask(String runId, String taskId, String instanceId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN, runId);
        labels.put(TASK, taskId);
        labels.put(INSTANCE, instanceId);
        labels.put(OWNER_HOST, host);
        labels.put(OWNER_PID, Long.toString(pid));
        labels.put(OWNER_START, processStart.toString());
        return labels;
    }

    /**
     * True when the labels name an owner on this host that no longer runs: its pid is gone, or now belongs to a
     * process started later (the pid was reused). Containers of another host's spotsim are never judged.
     */
    boolean ownerIsGone(Map<String, String> labels) {
        if (!host.equals(labels.get(OWNER_HOST)) || labels.get(OWNER_PID) == null) {
            return false;
        }
        long ownerPid;
        Instant ownerStart;
        try {
            ownerPid = Long.parseLong(labels.get(OWNER_PID));
            ownerStart = Instant.parse(labels.getOrDefault(OWNER_START, ""));
        } catch (RuntimeException e) {
            return false;
        }
        if (ownerPid == pid) {
            return !ownerStart.equals(processStart);
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive);
        return owner.isEmpty() || owner.get().info().startInstant().map(s -> s.isAfter(ownerStart.plusSeconds(1))).orElse(false);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
