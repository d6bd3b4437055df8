package dev.spotsim.simulator.aws.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.aws.sqs.SqsQueues;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default event bus's rules as a sink of the simulator's event bus: every event goes to each
 * enabled rule of its region whose pattern matches it, and on to that rule's SQS queue targets.
 * A target whose queue is gone loses the event, as EventBridge's would (it counts it as failed).
 */
final class RuleDelivery implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(RuleDelivery.class);
    private final Rules rules;
    private final SqsQueues queues;
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    RuleDelivery(Rules rules, SqsQueues queues) {
        this.rules = rules;
        this.queues = queues;
    }

    @Override
    public String name() {
        return "eventbridge-rules";
    }

    @Override
    public void deliver(Event event) {
        // Every event of the simulator passes here: its JSON is made only when a rule could take it.
        ObjectNode json = null;
        for (Rule rule : rules.all()) {
            if (!rule.enabled() || !rule.region().equals(event.region())) {
                continue;
            }
            json = json == null ? event.toJson() : json;
            ObjectNode tree = json;
            if (!rule.pattern().matches(tree)) {
                continue;
            }
            matched.incrementAndGet();
            rule.targets().values().forEach(target -> send(rule, target, tree));
        }
    }

    private void send(Rule rule, ObjectNode target, ObjectNode event) {
        String body = TargetInput.body(target, event);
        if (body == null) {
            return;
        }
        SqsQueues.SqsQueueRef queue = queues.byArn(target.path("Arn").asText());
        if (queue == null) {
            failed.incrementAndGet();
            LOG.warn("rule {} target {}: queue {} does not exist; event {} not delivered", rule.name(), target.path("Id").asText(),
                    target.path("Arn").asText(), event.path("id").asText());
            return;
        }
        queue.send(body);
        delivered.incrementAndGet();
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("matched", matched.get(), "delivered", delivered.get(), "failed", failed.get());
    }

    @Override
    public void close() {
        // Nothing to release: deliveries are in-memory sends.
    }
}
