package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotsim schedule}: interrupt what a selection picks, now or later; list or cancel what is scheduled. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Interrupt the instances a selection picks, now or later; list or cancel what is scheduled.",
                "Pick with --count, --percent, --all or --instance, narrowed to a --pool or --az; at --at or after --delay.",
                "--list shows what is scheduled, --cancel withdraws it."})
public final class ScheduleCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Option(names = "--count", paramLabel = "N", description = "Pick N running Spot instances.")
    Integer count;

    @Option(names = "--percent", paramLabel = "P", description = "Pick P percent of them (rounded up).")
    Double percent;

    @Option(names = "--all", description = "Pick all of them.")
    boolean all;

    @Option(names = "--instance", paramLabel = "ID", description = "Pick this instance (repeatable).")
    List<String> instances;

    @Option(names = "--pool", paramLabel = "TYPE/AZ", description = "Only from this pool.")
    String pool;

    @Option(names = "--az", paramLabel = "ZONE", description = "Only from this availability zone.")
    String az;

    @Option(names = "--at", converter = InstantConverter.class, paramLabel = "TIME", description = "When, ISO-8601 UTC.")
    Instant at;

    @Option(names = "--delay", converter = DurationConverter.class, paramLabel = "DURATION", description = "When, from now.")
    Duration delay;

    @Mixin
    InterruptionOptions interruption;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for random picks (same seed, same picks).")
    long seed;

    @Option(names = "--list", description = "List scheduled interruptions.")
    boolean list;

    @Option(names = "--cancel", paramLabel = "ID", description = "Cancel a scheduled interruption.")
    String cancel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        PrintWriter out = spec.commandLine().getOut();
        if (list || cancel != null) {
            JsonNode answer = list ? client.get("/interruptions/scheduled") : client.delete("/interruptions/scheduled/" + cancel);
            out.println(control.json() || !list ? ControlClient.pretty(answer) : table(answer.path("scheduled")));
            return 0;
        }
        Map<String, Object> select = new LinkedHashMap<>();
        if (count != null) {
            select.put("count", count);
        }
        if (percent != null) {
            select.put("percent", percent);
        }
        if (all) {
            select.put("all", true);
        }
        if (instances != null && !instances.isEmpty()) {
            select.put("instances", instances);
        }
        if (pool != null || az != null) {
            Map<String, Object> from = new LinkedHashMap<>();
            if (pool != null) {
                from.put("pool", pool);
            }
            if (az != null) {
                from.put("az", az);
            }
            select.put("from", from);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("select", select);
        if (at != null) {
            body.put("at", at.toString());
        }
        if (delay != null) {
            body.put("delay", Durations.format(delay));
        }
        interruption.addTo(body);
        body.put("seed", seed);
        JsonNode answer = client.post("/interruptions", body);
        out.println(control.json() ? ControlClient.pretty(answer) : answer.has("id")
                ? "scheduled " + answer.path("id").asText() + " at " + answer.path("at").asText()
                : "interrupted " + answer.path("interrupted").asInt() + " instance(s)");
        return 0;
    }

    private static String table(JsonNode scheduled) {
        StringBuilder s = new StringBuilder(String.format("%-10s %-26s %-10s %-8s %s%n", "ID", "AT", "ACTION", "NOTICE", "SELECT"));
        scheduled.forEach(x -> s.append(String.format("%-10s %-26s %-10s %-8s %s%n", x.path("id").asText(), x.path("at").asText(),
                x.path("action").asText(), x.path("notice").asText(), x.path("select").toString())));
        return s.toString().stripTrailing();
    }
}
