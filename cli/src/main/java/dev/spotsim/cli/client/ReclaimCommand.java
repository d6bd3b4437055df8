package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotsim reclaim}: a pool loses its Spot capacity; {@code --restore} gives it back. */
@Command(name = "reclaim", mixinStandardHelpOptions = true,
        description = {"Take a pool's Spot capacity away, interrupting all its Spot instances at once.",
                "Nothing launches there until it is restored (--restore-after, or --restore later)."})
public final class ReclaimCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(paramLabel = "POOL", description = "instance-type/availability-zone, e.g. c5.large/us-east-1a.")
    String pool;

    @Option(names = "--notice", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Notice before the action (default: ${DEFAULT-VALUE}).")
    Duration notice;

    @Option(names = "--restore-after", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Give the capacity back after this long (default: only with --restore).")
    Duration restoreAfter;

    @Option(names = "--restore", description = "Give a reclaimed pool its capacity back now.")
    boolean restore;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String[] parts = pool.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("POOL: expected instance-type/availability-zone like c5.large/us-east-1a, got \"" + pool + "\"");
        }
        String path = "/pools/" + parts[0] + "/" + parts[1];
        JsonNode answer;
        if (restore) {
            answer = control.client().post(path + "/restore", Map.of());
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("notice", Durations.format(notice));
            if (restoreAfter != null) {
                body.put("restoreAfter", Durations.format(restoreAfter));
            }
            answer = control.client().post(path + "/reclaim", body);
        }
        spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(answer) : answer.path("pool").asText()
                + (answer.path("reclaimed").asBoolean() ? ": reclaimed, " + answer.path("interrupted").asInt() + " instance(s) interrupted" : ": capacity restored"));
        return 0;
    }
}
