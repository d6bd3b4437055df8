package dev.spotsim.simulator.aws.autoscaling;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.query.ParamErrors;
import dev.spotsim.simulator.aws.query.QueryParams;
import dev.spotsim.simulator.aws.query.QueryResponses;
import dev.spotsim.simulator.fleet.AutoScalingGroup;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.fleet.LifecycleHook;
import dev.spotsim.simulator.fleet.LifecycleHooks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PutLifecycleHook, DescribeLifecycleHooks, DeleteLifecycleHook, CompleteLifecycleAction and
 * RecordLifecycleActionHeartbeat over a group's {@link LifecycleHooks}. Unknown hooks, tokens and
 * instances answer ValidationError, as AWS does.
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CompleteLifecycleAction.html
 */
final class HookOperations {
    private static final List<String> RESULTS = List.of("CONTINUE", "ABANDON");
    private final Groups groups;

    HookOperations(Groups groups) {
        this.groups = groups;
    }

    private static QueryParams params(AwsRequest request) {
        return QueryParams.of(request, ParamErrors.VALIDATION);
    }

    private static AwsException validation(RuntimeException e) {
        return AwsException.badRequest("ValidationError", e.getMessage());
    }

    /** Creates or updates a hook; an update keeps whatever it does not name. */
    AwsResponse put(AwsRequest request) {
        QueryParams p = params(request);
        AutoScalingGroup g = groups.named(request, p.required("AutoScalingGroupName"));
        String name = p.required("LifecycleHookName");
        Optional<LifecycleHook> old = g.lifecycleHooks().hooks().stream().filter(h -> h.name().equals(name)).findFirst();
        String transitionName = p.string("LifecycleTransition");
        if (transitionName == null && old.isEmpty()) {
            throw ParamErrors.VALIDATION.missing("LifecycleTransition");
        }
        LifecycleHook.Transition transition = transitionName == null ? old.get().transition() : LifecycleHook.Transition.parse(transitionName);
        if (transition == null) {
            throw AwsException.badRequest("ValidationError", "Invalid Lifecycle Transition " + transitionName);
        }
        Integer heartbeat = p.integer("HeartbeatTimeout", (int) LifecycleHook.MIN_HEARTBEAT.toSeconds(), (int) LifecycleHook.MAX_HEARTBEAT.toSeconds());
        String result = p.oneOf("DefaultResult", RESULTS);
        try {
            g.lifecycleHooks().put(new LifecycleHook(name, transition,
                    heartbeat != null ? Duration.ofSeconds(heartbeat) : old.map(LifecycleHook::heartbeatTimeout).orElse(null),
                    result != null ? LifecycleHook.Result.valueOf(result) : old.map(LifecycleHook::defaultResult).orElse(null),
                    p.string("NotificationMetadata", old.map(LifecycleHook::notificationMetadata).orElse(null)),
                    p.string("NotificationTargetARN", old.map(LifecycleHook::notificationTargetArn).orElse(null)),
                    p.string("RoleARN", old.map(LifecycleHook::roleArn).orElse(null))));
        } catch (FleetException e) {
            throw AwsException.badRequest("LimitExceeded", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw validation(e);
        }
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> { });
    }

    AwsResponse describe(AwsRequest request) {
        QueryParams p = params(request);
        AutoScalingGroup g = groups.named(request, p.required("AutoScalingGroupName"));
        List<String> names = p.list("LifecycleHookNames.member");
        List<LifecycleHook> hooks = g.lifecycleHooks().hooks().stream().filter(h -> names.isEmpty() || names.contains(h.name())).toList();
        return QueryResponses.query(request, AutoScalingService.NAMESPACE,
                x -> x.list("LifecycleHooks", "member", hooks, (w, h) -> GroupXml.hook(w, g.name(), h)));
    }

    AwsResponse delete(AwsRequest request) {
        QueryParams p = params(request);
        AutoScalingGroup g = groups.named(request, p.required("AutoScalingGroupName"));
        try {
            g.lifecycleHooks().delete(p.required("LifecycleHookName"));
        } catch (FleetException e) {
            throw validation(e);
        }
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> { });
    }

    AwsResponse complete(AwsRequest request) {
        QueryParams p = params(request);
        AutoScalingGroup g = groups.named(request, p.required("AutoScalingGroupName"));
        String hook = p.required("LifecycleHookName");
        String result = p.oneOf("LifecycleActionResult", RESULTS);
        if (result == null) {
            throw ParamErrors.VALIDATION.missing("LifecycleActionResult");
        }
        ActionRef ref = ActionRef.of(p);
        try {
            g.lifecycleHooks().complete(hook, ref.instanceId(), ref.token(), LifecycleHook.Result.valueOf(result));
        } catch (FleetException e) {
            throw validation(e);
        }
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> { });
    }

    AwsResponse heartbeat(AwsRequest request) {
        QueryParams p = params(request);
        AutoScalingGroup g = groups.named(request, p.required("AutoScalingGroupName"));
        String hook = p.required("LifecycleHookName");
        ActionRef ref = ActionRef.of(p);
        try {
            g.lifecycleHooks().heartbeat(hook, ref.instanceId(), ref.token());
        } catch (FleetException e) {
            throw validation(e);
        }
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> { });
    }

    /** An action named by its token or by its instance id: one of the two is required. */
    private record ActionRef(String token, String instanceId) {
        static ActionRef of(QueryParams p) {
            String token = p.string("LifecycleActionToken");
            String instanceId = p.string("InstanceId");
            if (token == null && instanceId == null) {
                throw AwsException.badRequest("ValidationError", "Either LifecycleActionToken or InstanceId must be specified");
            }
            return new ActionRef(token, instanceId);
        }
    }
}
