package dev.spotsim.simulator.aws.ssm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SSM Run Command's request and answer members, named as botocore's {@code ssm/2014-11-06} model
 * names them (upper camel case on the wire: {@code commandId} is {@code CommandId}).
 */
final class SsmShapes {
    private SsmShapes() {
    }

    record Target(String key, List<String> values) {
    }

    record NotificationConfig(String notificationArn, List<String> notificationEvents, String notificationType) {
        /** No notifications; the type is left out, as "" is not in its enum. */
        static final NotificationConfig NONE = new NotificationConfig("", List.of(), null);
    }

    record CloudWatchOutputConfig(String cloudWatchLogGroupName, Boolean cloudWatchOutputEnabled) {
        static final CloudWatchOutputConfig NONE = new CloudWatchOutputConfig("", false);
    }

    record SendCommandInput(List<String> instanceIds, List<Target> targets, String documentName, String documentVersion,
                            Integer timeoutSeconds, String comment, Map<String, List<String>> parameters, String outputS3Region,
                            String outputS3BucketName, String outputS3KeyPrefix, String maxConcurrency, String maxErrors,
                            String serviceRoleArn, NotificationConfig notificationConfig, CloudWatchOutputConfig cloudWatchOutputConfig) {
    }

    record CommandFilter(String key, String value) {
    }

    /** ListCommands and ListCommandInvocations take the same members (the latter also Details). */
    record ListInput(String commandId, String instanceId, Integer maxResults, String nextToken, List<CommandFilter> filters, Boolean details) {
    }

    record GetCommandInvocationInput(String commandId, String instanceId, String pluginName) {
    }

    record CancelCommandInput(String commandId, List<String> instanceIds) {
    }

    record Command(String commandId, String documentName, String documentVersion, String comment, Instant expiresAfter,
                   Map<String, List<String>> parameters, List<String> instanceIds, List<Target> targets, Instant requestedDateTime,
                   String status, String statusDetails, String outputS3Region, String outputS3BucketName, String outputS3KeyPrefix,
                   String maxConcurrency, String maxErrors, Integer targetCount, Integer completedCount, Integer errorCount,
                   Integer deliveryTimedOutCount, String serviceRole, NotificationConfig notificationConfig,
                   CloudWatchOutputConfig cloudWatchOutputConfig, Integer timeoutSeconds) {
    }

    record SendCommandOutput(Command command) {
    }

    record ListCommandsOutput(List<Command> commands, String nextToken) {
    }

    record CommandPlugin(String name, String status, String statusDetails, Integer responseCode, Instant responseStartDateTime,
                         Instant responseFinishDateTime, String output, String standardOutputUrl, String standardErrorUrl,
                         String outputS3Region, String outputS3BucketName, String outputS3KeyPrefix) {
    }

    record CommandInvocation(String commandId, String instanceId, String instanceName, String comment, String documentName,
                             String documentVersion, Instant requestedDateTime, String status, String statusDetails, String traceOutput,
                             String standardOutputUrl, String standardErrorUrl, List<CommandPlugin> commandPlugins, String serviceRole,
                             NotificationConfig notificationConfig, CloudWatchOutputConfig cloudWatchOutputConfig) {
    }

    record ListCommandInvocationsOutput(List<CommandInvocation> commandInvocations, String nextToken) {
    }

    record GetCommandInvocationOutput(String commandId, String instanceId, String comment, String documentName, String documentVersion,
                                      String pluginName, Integer responseCode, String executionStartDateTime, String executionElapsedTime,
                                      String executionEndDateTime, String status, String statusDetails, String standardOutputContent,
                                      String standardOutputUrl, String standardErrorContent, String standardErrorUrl,
                                      CloudWatchOutputConfig cloudWatchOutputConfig) {
    }

    record Empty() {
    }
}
