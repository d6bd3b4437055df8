package dev.spotsim.simulator.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The SDK v2 EventBridgeClient against a real simulator: rules, targets, pagination, errors and PutEvents. */
class EventBridgeRulesTest {
    private static SpotSim sim;
    private static EventBridgeClient events;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().instances(1).start();
        events = AwsClients.of(EventBridgeClient.builder(), sim);
        sqs = AwsClients.of(SqsClient.builder(), sim);
    }

    @AfterAll
    static void stop() {
        events.close();
        sqs.close();
        sim.close();
    }

    private static String queueArn(String name) {
        sqs.createQueue(b -> b.queueName(name));
        return "arn:aws:sqs:us-east-1:123456789012:" + name;
    }

    @Test
    void aRuleIsDescribedListedAndPagedAsItWasPut() {
        String arn = events.putRule(b -> b.name("paged-1").eventPattern("{\"source\":[\"aws.ec2\"]}").description("first")).ruleArn();
        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/paged-1");
        events.putRule(b -> b.name("paged-2").eventPattern("{\"source\":[\"aws.ecs\"]}").state(RuleState.DISABLED));
        events.putRule(b -> b.name("paged-3").eventPattern("{\"source\":[\"aws.autoscaling\"]}"));
        var described = events.describeRule(b -> b.name("paged-1"));
        assertThat(described.eventPattern()).isEqualTo("{\"source\":[\"aws.ec2\"]}");
        assertThat(described.state()).isEqualTo(RuleState.ENABLED);
        assertThat(described.description()).isEqualTo("first");
        assertThat(described.eventBusName()).isEqualTo("default");
        var first = events.listRules(b -> b.namePrefix("paged-").limit(2));
        assertThat(first.rules()).extracting(Rule::name).containsExactly("paged-1", "paged-2");
        assertThat(first.rules().get(1).state()).isEqualTo(RuleState.DISABLED);
        var second = events.listRules(b -> b.namePrefix("paged-").limit(2).nextToken(first.nextToken()));
        assertThat(second.rules()).extracting(Rule::name).containsExactly("paged-3");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void targetsAreListedRemovedAndARuleWithTargetsCannotBeDeleted() {
        String arn = queueArn("targets-queue");
        events.putRule(b -> b.name("with-targets").eventPattern("{\"source\":[\"spotsim.test\"]}"));
        var put = events.putTargets(b -> b.rule("with-targets").targets(Target.builder().id("a").arn(arn).build(),
                Target.builder().id("b").arn(arn).inputPath("$.detail").build()));
        assertThat(put.failedEntryCount()).isZero();
        assertThat(events.listTargetsByRule(b -> b.rule("with-targets")).targets()).extracting(Target::id).containsExactly("a", "b");
        assertThat(events.listTargetsByRule(b -> b.rule("with-targets")).targets().get(1).inputPath()).isEqualTo("$.detail");
        var page = events.listTargetsByRule(b -> b.rule("with-targets").limit(1));
        assertThat(page.targets()).extracting(Target::id).containsExactly("a");
        assertThat(events.listTargetsByRule(b -> b.rule("with-targets").limit(1).nextToken(page.nextToken())).targets())
                .extracting(Target::id).containsExactly("b");
        assertThatThrownBy(() -> events.deleteRule(b -> b.name("with-targets"))).isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("has targets")
                .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        events.removeTargets(b -> b.rule("with-targets").ids("a", "b"));
        assertThat(events.listTargetsByRule(b -> b.rule("with-targets")).targets()).isEmpty();
        events.deleteRule(b -> b.name("with-targets"));
        assertThatThrownBy(() -> events.describeRule(b -> b.name("with-targets"))).isInstanceOf(ResourceNotFoundException.class);
        events.deleteRule(b -> b.name("with-targets"));
    }

    @Test
    void badRulesAndTargetsAreRefusedWithEventBridgesErrors() {
        assertThatThrownBy(() -> events.putRule(b -> b.name("bad-pattern").eventPattern("{\"source\":\"aws.ec2\"}")))
                .isInstanceOf(InvalidEventPatternException.class);
        assertThatThrownBy(() -> events.putTargets(b -> b.rule("no-such-rule").targets(Target.builder().id("x")
                .arn("arn:aws:sqs:us-east-1:123456789012:q").build()))).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Rule no-such-rule does not exist");
        events.putRule(b -> b.name("lambda-target").eventPattern("{\"source\":[\"x\"]}"));
        assertThatThrownBy(() -> events.putTargets(b -> b.rule("lambda-target").targets(Target.builder().id("l")
                .arn("arn:aws:lambda:us-east-1:123456789012:function:f").build()))).isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("SQS");
        assertThatThrownBy(() -> events.putRule(b -> b.name("bad name!").eventPattern("{}"))).isInstanceOf(EventBridgeException.class)
                .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> events.listRules(b -> b.eventBusName("custom"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void putEventsReachesMatchingEnabledRulesAndRefusesAwsSources() throws Exception {
        String arn = queueArn("put-events");
        events.putRule(b -> b.name("custom-events").eventPattern("{\"source\":[\"team.drain\"],\"detail\":{\"phase\":[\"start\"]}}"));
        events.putTargets(b -> b.rule("custom-events").targets(Target.builder().id("q").arn(arn).inputPath("$.detail").build()));
        PutEventsResponse put = events.putEvents(b -> b.entries(
                PutEventsRequestEntry.builder().source("team.drain").detailType("Drain").detail("{\"phase\":\"start\"}").build(),
                PutEventsRequestEntry.builder().source("team.drain").detailType("Drain").detail("{\"phase\":\"end\"}").build(),
                PutEventsRequestEntry.builder().source("aws.ec2").detailType("Fake").detail("{}").build(),
                PutEventsRequestEntry.builder().source("team.drain").detailType("Drain").detail("not json").build()));
        assertThat(put.failedEntryCount()).isEqualTo(2);
        assertThat(put.entries().get(0).eventId()).isNotBlank();
        assertThat(put.entries().get(2).errorCode()).isEqualTo("NotAuthorizedForSourceException");
        assertThat(put.entries().get(3).errorCode()).isEqualTo("MalformedDetail");
        String url = sqs.getQueueUrl(b -> b.queueName("put-events")).queueUrl();
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(10)).messages();
        assertThat(got).extracting(Message::body).containsExactly("{\"phase\":\"start\"}");
        events.disableRule(b -> b.name("custom-events"));
        events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source("team.drain").detailType("Drain")
                .detail("{\"phase\":\"start\"}").build()));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).as("the rule is disabled").isEmpty();
    }
}
