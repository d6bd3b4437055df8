package dev.spotsim.simulator.aws.ssm;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.json.AwsJson;
import dev.spotsim.simulator.aws.json.Checks;
import dev.spotsim.simulator.aws.json.MemberCase;
import dev.spotsim.simulator.aws.json.Pages;
import dev.spotsim.simulator.aws.ssm.SsmShapes.CancelCommandInput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.GetCommandInvocationInput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.ListCommandInvocationsOutput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.ListCommandsOutput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.ListInput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.SendCommandInput;
import dev.spotsim.simulator.aws.ssm.SsmShapes.SendCommandOutput;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * SSM Run Command on AWS JSON 1.1 ({@code X-Amz-Target: AmazonSSM.SendCommand}): SendCommand with
 * the AWS-RunShellScript document, ListCommands, ListCommandInvocations, GetCommandInvocation and
 * CancelCommand. The commands really run (see {@link RunCommand}).
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
 */
public final class SsmService implements AwsService {
    static final Pattern COMMAND_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTANCE_ID = Pattern.compile("(^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)");
    private static final List<String> FILTER_KEYS = List.of("InvokedAfter", "InvokedBefore", "Status", "ExecutionStage", "DocumentName");
    private final AwsJson json = new AwsJson(MemberCase.UPPER_CAMEL);
    private final RunCommand runner;
    private final SendCommand send;
    private final CommandViews views;

    public SsmService(AwsContext context) {
        this.runner = new RunCommand(context);
        this.send = new SendCommand(context, runner);
        this.views = new CommandViews();
    }

    @Override
    public String signingName() {
        return "ssm";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.JSON_1_1;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of("AmazonSSM");
    }

    @Override
    public int reset() {
        return runner.clear();
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        Object answer = switch (request.operation()) {
            case "SendCommand" -> new SendCommandOutput(send.send(json.read(request, SendCommandInput.class), request.region()).toShape());
            case "ListCommands" -> listCommands(json.read(request, ListInput.class));
            case "ListCommandInvocations" -> listInvocations(json.read(request, ListInput.class));
            case "GetCommandInvocation" -> getInvocation(json.read(request, GetCommandInvocationInput.class));
            case "CancelCommand" -> cancel(json.read(request, CancelCommandInput.class));
            default -> throw AwsException.badRequest("InvalidAction", "spotsim's SSM serves Run Command (SendCommand, ListCommands, "
                    + "ListCommandInvocations, GetCommandInvocation, CancelCommand), not " + request.operation());
        };
        return CompletableFuture.completedFuture(json.answer(AwsProtocol.JSON_1_1, answer));
    }

    private ListCommandsOutput listCommands(ListInput in) {
        checkList(in);
        List<CommandRun> matching = matching(in, false);
        Pages.Page<CommandRun> page = Pages.of(matching, in.nextToken(), in.maxResults(), 50, "InvalidNextToken");
        return new ListCommandsOutput(page.items().stream().map(CommandRun::toShape).toList(), page.nextToken());
    }

    private ListCommandInvocationsOutput listInvocations(ListInput in) {
        checkList(in);
        boolean details = Boolean.TRUE.equals(in.details());
        List<CommandViews.Pair> pairs = matching(in, true).stream()
                .flatMap(run -> run.invocations.stream()
                        .filter(i -> in.instanceId() == null || i.instanceId.equals(in.instanceId()))
                        .filter(i -> views.invocationMatches(i, in.filters()))
                        .map(i -> new CommandViews.Pair(run, i)))
                .toList();
        Pages.Page<CommandViews.Pair> page = Pages.of(pairs, in.nextToken(), in.maxResults(), 50, "InvalidNextToken");
        return new ListCommandInvocationsOutput(page.items().stream().map(p -> views.invocation(p.run(), p.invocation(), details)).toList(),
                page.nextToken());
    }

    private List<CommandRun> matching(ListInput in, boolean perInvocation) {
        if (in.commandId() != null) {
            CommandRun run = runner.command(in.commandId());
            if (run == null) {
                throw AwsException.badRequest("InvalidCommandId", "no command " + in.commandId());
            }
            return views.commandMatches(run, in, perInvocation) ? List.of(run) : List.of();
        }
        return runner.commands().stream().filter(run -> views.commandMatches(run, in, perInvocation)).toList();
    }

    private void checkList(ListInput in) {
        Checks c = new Checks().range("maxResults", in.maxResults(), 1, 50).length("filters", in.filters(), 1, 5)
                .pattern("instanceId", in.instanceId(), INSTANCE_ID).length("commandId", in.commandId(), 36, 36);
        if (in.filters() != null) {
            for (int i = 0; i < in.filters().size(); i++) {
                var f = in.filters().get(i);
                c.required("filters." + (i + 1) + ".member.key", f.key()).oneOf("filters." + (i + 1) + ".member.key", f.key(), FILTER_KEYS)
                        .required("filters." + (i + 1) + ".member.value", f.value()).length("filters." + (i + 1) + ".member.value", f.value(), 1, 128);
            }
        }
        c.orThrow();
        if (in.filters() != null) {
            in.filters().forEach(CommandViews::checkFilterValue);
        }
    }

    private SsmShapes.GetCommandInvocationOutput getInvocation(GetCommandInvocationInput in) {
        new Checks().required("commandId", in.commandId()).length("commandId", in.commandId(), 36, 36)
                .required("instanceId", in.instanceId()).pattern("instanceId", in.instanceId(), INSTANCE_ID).orThrow();
        CommandRun run = runner.command(in.commandId());
        if (run == null) {
            throw AwsException.badRequest("InvalidCommandId", "no command " + in.commandId());
        }
        Invocation inv = run.invocation(in.instanceId());
        if (inv == null) {
            throw AwsException.badRequest("InvocationDoesNotExist", "command " + in.commandId() + " was not sent to " + in.instanceId());
        }
        if (in.pluginName() != null && !in.pluginName().equals(Invocation.PLUGIN)) {
            throw AwsException.badRequest("InvalidPluginName", "AWS-RunShellScript has one plugin, " + Invocation.PLUGIN + ", not " + in.pluginName());
        }
        return views.getInvocation(run, inv);
    }

    private SsmShapes.Empty cancel(CancelCommandInput in) {
        new Checks().required("commandId", in.commandId()).length("commandId", in.commandId(), 36, 36)
                .length("instanceIds", in.instanceIds(), 0, 50).orThrow();
        CommandRun run = runner.command(in.commandId());
        if (run == null) {
            throw AwsException.badRequest("InvalidCommandId", "no command " + in.commandId());
        }
        List<String> ids = in.instanceIds() == null ? List.of() : in.instanceIds();
        if (ids.stream().distinct().count() != ids.size()) {
            throw AwsException.badRequest("DuplicateInstanceId", "an instance id is listed twice: " + ids);
        }
        for (String id : ids) {
            if (run.invocation(id) == null) {
                throw AwsException.badRequest("InvalidInstanceId", "command " + in.commandId() + " was not sent to " + id);
            }
        }
        runner.cancel(run, ids);
        return new SsmShapes.Empty();
    }
}
