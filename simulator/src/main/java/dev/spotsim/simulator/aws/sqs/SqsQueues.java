package dev.spotsim.simulator.aws.sqs;

import dev.spotsim.simulator.clock.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every queue of the simulator's account, by name. Other services (EventBridge targets) deliver
 * here by queue ARN. Queues are per account, as SQS's names are; the region is the one a queue was
 * created in and shows in its ARN.
 */
public final class SqsQueues {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** SQS refuses a queue name for 60 s after its queue was deleted. */
    private static final Duration NAME_REUSE_DELAY = Duration.ofSeconds(60);
    /** The SenderId SQS shows for messages EventBridge delivered. */
    static final String EVENTBRIDGE_SENDER = "AIDAIEVENTBRIDGESPOTSIM";
    private final Map<String, SqsQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, Instant> deletedAt = new ConcurrentHashMap<>();
    private final SimClock clock;
    private final String accountId;

    public SqsQueues(SimClock clock, String accountId) {
        this.clock = clock;
        this.accountId = accountId;
    }

    public String accountId() {
        return accountId;
    }

    SimClock clock() {
        return clock;
    }

    /** Creates a queue, or finds the same one: an existing name with other attributes is QueueNameExists. */
    synchronized SqsQueue create(String name, String region, Map<String, String> attributes) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SqsError.INVALID_PARAMETER_VALUE.fault("Can only include alphanumeric characters, hyphens, or underscores. "
                    + "1 to 80 in length" + (name != null && name.endsWith(".fifo") ? " (spotsim serves standard queues only)" : ""));
        }
        Map<String, String> valid = QueueAttributes.validate(attributes);
        SqsQueue known = queues.get(name);
        if (known != null) {
            Map<String, String> current = known.settableAttributes();
            boolean same = valid.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
            if (!same) {
                throw SqsError.QUEUE_NAME_EXISTS.fault("A queue already exists with the same name and a different value for attribute(s) "
                        + String.join(", ", valid.keySet()));
            }
            return known;
        }
        Instant gone = deletedAt.get(name);
        if (gone != null && clock.now().isBefore(gone.plus(NAME_REUSE_DELAY))) {
            throw SqsError.QUEUE_DELETED_RECENTLY.fault("You must wait 60 seconds after deleting a queue before you can create another "
                    + "with the same name.");
        }
        SqsQueue q = new SqsQueue(name, accountId, region, clock, valid);
        queues.put(name, q);
        return q;
    }

    /** The queue of that name (and account, when given). */
    SqsQueue byName(String name, String owner) {
        SqsQueue q = name == null ? null : queues.get(name);
        if (q == null || (owner != null && !owner.equals(accountId))) {
            throw SqsError.QUEUE_DOES_NOT_EXIST.fault("The specified queue does not exist.");
        }
        return q;
    }

    /** The queue a URL names: {@code <scheme>://<host>/<account>/<name>}, whatever the host. */
    SqsQueue byUrl(String url) {
        if (url == null || url.isEmpty()) {
            throw SqsError.MISSING_PARAMETER.fault("The request must contain the parameter QueueUrl.");
        }
        String path = url.replaceFirst("^[a-zA-Z]+://[^/]*", "");
        String[] parts = path.replaceFirst("^/", "").split("/");
        if (parts.length != 2) {
            throw SqsError.QUEUE_DOES_NOT_EXIST.fault("The specified queue does not exist.");
        }
        return byName(parts[1], parts[0]);
    }

    /** The queue an ARN names, or null (an EventBridge target whose queue is gone). */
    public SqsQueueRef byArn(String arn) {
        String[] p = arn == null ? new String[0] : arn.split(":", 6);
        if (p.length != 6 || !p[2].equals("sqs") || !p[4].equals(accountId)) {
            return null;
        }
        SqsQueue q = queues.get(p[5]);
        return q == null || !q.region.equals(p[3]) ? null : new SqsQueueRef(q);
    }

    /** The global reset: every queue is deleted and its name free again at once (no 60 s wait); returns how many there were. */
    public synchronized int clear() {
        List<SqsQueue> all = List.copyOf(queues.values());
        queues.clear();
        deletedAt.clear();
        all.forEach(SqsQueue::markDeleted);
        return all.size();
    }

    synchronized void delete(SqsQueue q) {
        if (queues.remove(q.name, q)) {
            deletedAt.put(q.name, clock.now());
            q.markDeleted();
        }
    }

    /** Names with the prefix, in name order. */
    List<SqsQueue> list(String prefix) {
        List<SqsQueue> out = new ArrayList<>();
        new TreeMap<>(queues).forEach((name, q) -> {
            if (prefix == null || name.startsWith(prefix)) {
                out.add(q);
            }
        });
        return out;
    }

    /** A queue seen from outside the package: enough to deliver to it. */
    public static final class SqsQueueRef {
        private final SqsQueue queue;

        SqsQueueRef(SqsQueue queue) {
            this.queue = queue;
        }

        /** Sends {@code body} as EventBridge does: no message attributes, the queue's own delay. */
        public String send(String body) {
            return queue.send(body, Map.of(), Map.of(), EVENTBRIDGE_SENDER, null).messageId;
        }

        /** Moves a message here from its source queue's redrive. */
        void resend(SqsMessage m) {
            queue.send(m.body, m.attributes, m.systemAttributes, m.senderId, Duration.ZERO);
        }
    }
}
