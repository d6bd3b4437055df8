package dev.spotsim.simulator.aws.fis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * AWS FIS's request and answer members as botocore's {@code fis/2020-12-01} model and the FIS API
 * reference name them (lower camel case on the wire). Templates and experiments share the target
 * and action shapes. https://docs.aws.amazon.com/fis/latest/APIReference/API_Operations.html
 */
final class FisShapes {
    private FisShapes() {
    }

    record Filter(String path, List<String> values) {
    }

    record Target(String resourceType, List<String> resourceArns, Map<String, String> resourceTags, List<Filter> filters,
                  String selectionMode, Map<String, String> parameters) {
    }

    record Action(String actionId, String description, Map<String, String> parameters, Map<String, String> targets, List<String> startAfter) {
    }

    record StopCondition(String source, String value) {
    }

    record CreateTemplateInput(String clientToken, String description, List<StopCondition> stopConditions, Map<String, Target> targets,
                               Map<String, Action> actions, String roleArn, Map<String, String> tags) {
    }

    record UpdateTemplateInput(String description, List<StopCondition> stopConditions, Map<String, Target> targets,
                               Map<String, Action> actions, String roleArn) {
    }

    record StartExperimentInput(String clientToken, String experimentTemplateId, Map<String, String> tags) {
    }

    record Template(String id, String arn, String description, Map<String, Target> targets, Map<String, Action> actions,
                    List<StopCondition> stopConditions, Instant creationTime, Instant lastUpdateTime, String roleArn, Map<String, String> tags) {
    }

    record TemplateAnswer(Template experimentTemplate) {
    }

    record TemplateSummary(String id, String arn, String description, Instant creationTime, Instant lastUpdateTime, Map<String, String> tags) {
    }

    record ListTemplatesAnswer(List<TemplateSummary> experimentTemplates, String nextToken) {
    }

    record State(String status, String reason) {
    }

    record ExperimentAction(String actionId, String description, Map<String, String> parameters, Map<String, String> targets,
                            List<String> startAfter, State state, Instant startTime, Instant endTime) {
    }

    record Experiment(String id, String arn, String experimentTemplateId, String roleArn, State state, Map<String, Target> targets,
                      Map<String, ExperimentAction> actions, List<StopCondition> stopConditions, Instant creationTime, Instant startTime,
                      Instant endTime, Map<String, String> tags) {
    }

    record ExperimentAnswer(Experiment experiment) {
    }

    record ExperimentSummary(String id, String arn, String experimentTemplateId, State state, Instant creationTime, Map<String, String> tags) {
    }

    record ListExperimentsAnswer(List<ExperimentSummary> experiments, String nextToken) {
    }

    record ResolvedTarget(String resourceType, String targetName, Map<String, String> targetInformation) {
    }

    record ListResolvedTargetsAnswer(List<ResolvedTarget> resolvedTargets, String nextToken) {
    }
}
