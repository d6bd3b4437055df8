package dev.spotsim.gameday.ssm;

import dev.spotsim.gameday.Batches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsRequest;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsResponse;

/**
 * SSM Run Command over AWS JSON 1.1: send a command to instances (at most 50 ids a call), list its
 * invocations, read one invocation's output, cancel it; and ask which instances are managed nodes.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Operations.html
 */
public final class SsmLoadDrivers {
    private final SsmClient ssm;

    public SsmLoadDrivers(SsmClient ssm) {
        this.ssm = ssm;
    }

    /** Sends {@code command} to {@code instanceIds} in calls of at most 50 ids; returns each call's command id, keyed by its instances. */
    public Map<String, List<String>> send(LoadCommand command, List<String> instanceIds) {
        Map<String, List<String>> sent = new java.util.LinkedHashMap<>();
        for (List<String> batch : Batches.of(instanceIds, LoadCommand.MAX_INSTANCE_IDS)) {
            String id = ssm.sendCommand(command.toRequest(batch)).command().commandId();
            sent.put(id, List.copyOf(batch));
        }
        return sent;
    }

    /** Every invocation SSM lists for the command (all pages); right after SendCommand some may not be listed yet. */
    public List<Invocation> statuses(String commandId) {
        List<Invocation> all = new ArrayList<>();
        ListCommandInvocationsRequest request = ListCommandInvocationsRequest.builder().commandId(commandId).details(false).build();
        for (ListCommandInvocationsResponse page : ssm.listCommandInvocationsPaginator(request)) {
            for (CommandInvocation c : page.commandInvocations()) {
                all.add(Invocation.status(commandId, c.instanceId(), InvocationStatus.of(c.statusAsString()), c.statusDetails()));
            }
        }
        return all;
    }

    /**
     * One invocation with its output; empty when SSM answers {@code InvocationDoesNotExist}, which it
     * does for a while right after SendCommand (the caller asks again on its next poll).
     */
    public Optional<Invocation> invocation(String commandId, String instanceId) {
        GetCommandInvocationResponse r;
        try {
            r = ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(instanceId));
        } catch (InvocationDoesNotExistException e) {
            return Optional.empty();
        }
        String out = r.standardOutputContent() == null ? "" : r.standardOutputContent();
        String err = r.standardErrorContent() == null ? "" : r.standardErrorContent();
        return Optional.of(new Invocation(commandId, instanceId, InvocationStatus.of(r.statusAsString()), r.statusDetails(), r.responseCode(),
                out, err, out.length() >= Invocation.STDOUT_CAP, err.length() >= Invocation.STDERR_CAP,
                r.executionStartDateTime(), r.executionEndDateTime()));
    }

    /** Cancels the command on every instance still running it. */
    public void cancel(String commandId) {
        ssm.cancelCommand(b -> b.commandId(commandId));
    }

    /** SSM's ping status ("Online", "ConnectionLost", "Inactive") of each managed node among {@code instanceIds}; absent ids are not managed. */
    public Map<String, String> pingStatus(List<String> instanceIds) {
        Map<String, String> status = new HashMap<>();
        for (List<String> batch : Batches.of(instanceIds, LoadCommand.MAX_INSTANCE_IDS)) {
            InstanceInformationStringFilter filter = InstanceInformationStringFilter.builder().key("InstanceIds").values(batch).build();
            for (var page : ssm.describeInstanceInformationPaginator(b -> b.filters(filter))) {
                for (InstanceInformation info : page.instanceInformationList()) {
                    status.put(info.instanceId(), info.pingStatusAsString());
                }
            }
        }
        return status;
    }

}
