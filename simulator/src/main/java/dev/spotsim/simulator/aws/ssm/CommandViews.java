package dev.spotsim.simulator.aws.ssm;

import dev.spotsim.simulator.aws.json.Checks;
import dev.spotsim.simulator.aws.ssm.SsmShapes.CloudWatchOutputConfig;
import dev.spotsim.simulator.aws.ssm.SsmShapes.CommandFilter;
import dev.spotsim.simulator.aws.ssm.SsmShapes.CommandInvocation;
import dev.spotsim.simulator.aws.ssm.SsmShapes.CommandPlugin;
import dev.spotsim.simulator.aws.ssm.SsmShapes.GetCommandInvocationOutput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.ListInput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.NotificationConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How commands and invocations read on the wire, and the list filters. Output limits are the model's:
 * GetCommandInvocation keeps the first 24,000 characters of stdout and 8,000 of stderr; a plugin's
 * {@code Output} in ListCommandInvocations the first 2,500 (stdout, then stderr after a separator).
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
 */
final class CommandViews {
    static final int STDOUT_LIMIT = 24_000;
    static final int STDERR_LIMIT = 8_000;
    static final int PLUGIN_OUTPUT_LIMIT = 2_500;
    /** What the SSM Agent puts between stdout and stderr in a plugin's output. */
    static final String ERROR_SEPARATOR = "\n----------ERROR-------\n";

    /** A command and one of its invocations, for paging. */
    record Pair(CommandRun run, Invocation invocation) {
    }

    static void checkFilterValue(CommandFilter f) {
        switch (f.key()) {
            case "InvokedAfter", "InvokedBefore" -> time(f);
            case "Status" -> {
                if (InvocationStatus.parse(f.value()) == null && !f.value().equals("Cancelling")) {
                    throw Checks.validation("filter Status: expected Pending, InProgress, Success, Cancelled, Failed, TimedOut or Cancelling, got "
                            + f.value());
                }
            }
            case "ExecutionStage" -> {
                if (!f.value().equals("Executing") && !f.value().equals("Complete")) {
                    throw Checks.validation("filter ExecutionStage: expected Executing or Complete, got " + f.value());
                }
            }
            default -> {
                // DocumentName takes any name
            }
        }
    }

    private static Instant time(CommandFilter f) {
        try {
            return Instant.parse(f.value());
        } catch (DateTimeParseException e) {
            throw Checks.validation("filter " + f.key() + ": expected an ISO-8601 UTC time like 2026-11-29T10:00:00Z, got " + f.value());
        }
    }

    /**
     * The filters on a command. ListCommands applies Status and ExecutionStage to the command's own
     * status; ListCommandInvocations ({@code perInvocation}) applies them to each invocation instead.
     */
    boolean commandMatches(CommandRun run, ListInput in, boolean perInvocation) {
        if (in.instanceId() != null && run.invocation(in.instanceId()) == null) {
            return false;
        }
        for (CommandFilter f : in.filters() == null ? List.<CommandFilter>of() : in.filters()) {
            boolean ok = switch (f.key()) {
                case "InvokedAfter" -> !run.requested.isBefore(time(f));
                case "InvokedBefore" -> !run.requested.isAfter(time(f));
                case "DocumentName" -> run.documentName.equals(f.value());
                case "Status" -> perInvocation || run.status()[0].equals(f.value());
                case "ExecutionStage" -> perInvocation || stageMatches(terminal(run.status()[0]), f.value());
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** ListCommandInvocations' Status and ExecutionStage filters, on each invocation. */
    boolean invocationMatches(Invocation inv, List<CommandFilter> filters) {
        for (CommandFilter f : filters == null ? List.<CommandFilter>of() : filters) {
            if (f.key().equals("Status") && !inv.status().wireName().equals(f.value())
                    || f.key().equals("ExecutionStage") && !stageMatches(inv.status().terminal(), f.value())) {
                return false;
            }
        }
        return true;
    }

    private static boolean terminal(String commandStatus) {
        return !commandStatus.equals("Pending") && !commandStatus.equals("InProgress") && !commandStatus.equals("Cancelling");
    }

    private static boolean stageMatches(boolean terminal, String stage) {
        return stage.equals("Complete") == terminal;
    }

    CommandInvocation invocation(CommandRun run, Invocation inv, boolean details) {
        Invocation.Snapshot s = inv.snapshot(details ? PLUGIN_OUTPUT_LIMIT : 0, details ? PLUGIN_OUTPUT_LIMIT : 0);
        List<CommandPlugin> plugins = List.of();
        if (details) {
            String output = s.stderr().isEmpty() ? s.stdout() : s.stdout() + ERROR_SEPARATOR + s.stderr();
            output = output.length() > PLUGIN_OUTPUT_LIMIT ? output.substring(0, PLUGIN_OUTPUT_LIMIT) : output;
            plugins = List.of(new CommandPlugin(Invocation.PLUGIN, s.status().wireName(), s.statusDetails(), s.responseCode(), s.started(),
                    s.finished(), output, "", "", run.region, "", ""));
        }
        return new CommandInvocation(run.commandId, inv.instanceId, "", run.comment, run.documentName, "$DEFAULT", run.requested,
                s.status().wireName(), s.statusDetails(), "", "", "", plugins, "", NotificationConfig.NONE, CloudWatchOutputConfig.NONE);
    }

    GetCommandInvocationOutput getInvocation(CommandRun run, Invocation inv) {
        Invocation.Snapshot s = inv.snapshot(STDOUT_LIMIT, STDERR_LIMIT);
        String elapsed = s.started() == null ? "" : Duration.between(s.started(), s.finished() == null ? s.started() : s.finished()).toString();
        return new GetCommandInvocationOutput(run.commandId, inv.instanceId, run.comment, run.documentName, "$DEFAULT", Invocation.PLUGIN,
                s.responseCode(), s.started() == null ? "" : s.started().toString(), s.finished() == null ? "" : elapsed,
                s.finished() == null ? "" : s.finished().toString(), s.status().wireName(), s.statusDetails(), s.stdout(), "", s.stderr(), "",
                CloudWatchOutputConfig.NONE);
    }
}
