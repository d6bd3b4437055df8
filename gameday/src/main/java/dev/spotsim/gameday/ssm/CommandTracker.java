package dev.spotsim.gameday.ssm;

import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows every invocation of the commands a game day sent, one poll at a time: statuses from
 * ListCommandInvocations (one call per command), an instance not listed yet is asked for directly
 * (GetCommandInvocation, whose {@code InvocationDoesNotExist} right after sending only means "ask
 * again"), and each final invocation's output is read once. Every status change goes on the timeline.
 */
public final class CommandTracker {
    /** Polls an invocation may stay invisible after it is final before its output is given up on. */
    static final int OUTPUT_ATTEMPTS = 5;

    private final SsmLoadDrivers ssm;
    private final Map<String, List<String>> commands;
    private final Map<String, Invocation> latest = new LinkedHashMap<>();
    private final Map<String, Integer> outputMisses = new LinkedHashMap<>();
    private final java.util.Set<String> outputPending = new java.util.HashSet<>();

    /** {@code commands}: command id to the instances it was sent to. */
    public CommandTracker(SsmLoadDrivers ssm, Map<String, List<String>> commands) {
        this.ssm = ssm;
        this.commands = Map.copyOf(commands);
        commands.forEach((cmd, ids) -> ids.forEach(id -> latest.put(key(cmd, id), Invocation.status(cmd, id, InvocationStatus.UNKNOWN, null))));
    }

    private static String key(String commandId, String instanceId) {
        return commandId + "/" + instanceId;
    }

    /** Asks SSM once about every unfinished invocation; returns what changed. */
    public List<TimelineEntry> poll(Instant now) {
        List<TimelineEntry> changes = new ArrayList<>();
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            String commandId = command.getKey();
            if (command.getValue().stream().allMatch(id -> done(commandId, id))) {
                continue;
            }
            Map<String, Invocation> listed = new LinkedHashMap<>();
            ssm.statuses(commandId).forEach(i -> listed.put(i.instanceId(), i));
            for (String instanceId : command.getValue()) {
                if (!done(commandId, instanceId)) {
                    Invocation seen = listed.get(instanceId);
                    if (seen == null || seen.status().isFinal()) {
                        // Not listed yet, or final: either way GetCommandInvocation is the next question.
                        seen = read(commandId, instanceId, seen, now, changes);
                    }
                    if (seen != null) {
                        record(seen, now, changes);
                    }
                }
            }
        }
        return changes;
    }

    /** GetCommandInvocation; on InvocationDoesNotExist returns the listed status (or null) and remembers to ask again. */
    private Invocation read(String commandId, String instanceId, Invocation listed, Instant now, List<TimelineEntry> changes) {
        String key = key(commandId, instanceId);
        Optional<Invocation> full = ssm.invocation(commandId, instanceId);
        if (full.isPresent()) {
            outputPending.remove(key);
            return full.get();
        }
        int misses = outputMisses.merge(key, 1, Integer::sum);
        if (misses == 1) {
            changes.add(new TimelineEntry(now, TimelineKind.COMMAND, instanceId, commandId + ": InvocationDoesNotExist, asking again next poll"));
        }
        if (listed != null) {
            if (misses >= OUTPUT_ATTEMPTS) {
                outputPending.remove(key);
                changes.add(new TimelineEntry(now, TimelineKind.COMMAND, instanceId, commandId + ": output never readable, status kept"));
            } else {
                outputPending.add(key);
            }
        }
        return listed;
    }

    private void record(Invocation seen, Instant at, List<TimelineEntry> changes) {
        Invocation before = latest.put(key(seen.commandId(), seen.instanceId()), seen);
        if (before == null || before.status() != seen.status()) {
            String details = seen.statusDetails() == null || seen.statusDetails().equals(seen.status().wireName()) ? "" : " (" + seen.statusDetails() + ")";
            // SSM reports -1 when the script did not run to its end.
            String exit = seen.responseCode() == null || seen.responseCode() < 0 || !seen.status().isFinal() ? "" : ", exit " + seen.responseCode();
            changes.add(new TimelineEntry(at, TimelineKind.COMMAND, seen.instanceId(), seen.commandId() + ": "
                    + (before == null ? "?" : before.status().wireName()) + " -> " + seen.status().wireName() + details + exit));
        }
    }

    /** Final, and its output read (or given up on). */
    private boolean done(String commandId, String instanceId) {
        String key = key(commandId, instanceId);
        return latest.get(key).status().isFinal() && !outputPending.contains(key);
    }

    /** True when every invocation is final. */
    public boolean allFinal() {
        return commands.entrySet().stream().allMatch(c -> c.getValue().stream().allMatch(id -> done(c.getKey(), id)));
    }

    /** Commands with at least one invocation not final: what a stop must cancel. */
    public List<String> unfinishedCommands() {
        return commands.keySet().stream().filter(cmd -> commands.get(cmd).stream().anyMatch(id -> !done(cmd, id))).toList();
    }

    /** The latest view of every invocation, in send order. */
    public List<Invocation> invocations() {
        return List.copyOf(latest.values());
    }

    /** The request figures every generator reported, summed; empty when none reported. */
    public Optional<LoadSummary> loadSummary() {
        return latest.values().stream().map(i -> LoadSummary.find(i.stdout())).flatMap(Optional::stream).reduce(LoadSummary::plus);
    }
}
