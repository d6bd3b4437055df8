package dev.spotsim.simulator.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Interruptions given together (a selection, a reclaimed pool): every notice, and so every warning
 * event, goes out first, and the groups launch their replacements after the last one, still before the
 * call returns. Done one by one, the 1,000th warning of a 1,000-instance burst waited for 999
 * replacement launches; the instants (notice, action, launch) are the same either way.
 */
final class NoticeBurst {
    /** The replacements each group owes for the notices given so far in this thread's burst, in notice order; null outside a burst. */
    private final ThreadLocal<Map<AutoScalingGroup, List<String>>> owed = new ThreadLocal<>();

    /** Runs {@code notices}; the replacements they call for are launched when it ends, also if it throws. */
    <T> T run(Supplier<T> notices) {
        if (owed.get() != null) {
            return notices.get();
        }
        Map<AutoScalingGroup, List<String>> replacements = new LinkedHashMap<>();
        owed.set(replacements);
        try {
            return notices.get();
        } finally {
            owed.remove();
            replacements.forEach(AutoScalingGroup::fill);
        }
    }

    /** {@code group} replaces an instance, with {@code cause} as the launch's cause: now, or at the end of this thread's burst. */
    void replace(AutoScalingGroup group, String cause) {
        Map<AutoScalingGroup, List<String>> replacements = owed.get();
        if (replacements == null) {
            group.fill(List.of(cause));
        } else {
            replacements.computeIfAbsent(group, g -> new ArrayList<>()).add(cause);
        }
    }
}
