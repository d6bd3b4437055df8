package dev.spotsim.simulator.aws.sqs;

import dev.spotsim.simulator.clock.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One standard queue: its attributes, its messages, and the receivers long-polling it. A message is
 * visible, delayed (not yet received, within its delay) or in flight (received, within its
 * visibility timeout); receivers waiting for messages are woken when one is sent or becomes visible.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
final class SqsQueue {
    final String name;
    final String accountId;
    final String region;
    private final SimClock clock;
    private final Instant createdAt;
    private Instant lastModifiedAt;
    private final Map<String, String> attributes;
    private final Map<String, SqsMessage> messages = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private Instant lastPurge;
    private boolean deleted;

    /** A receiver waiting for messages: what it asked for, and where its answer goes. */
    record Waiter(ReceiveRequest request, CompletableFuture<List<Received>> answer) {
    }

    /** What ReceiveMessage asks of the queue. */
    record ReceiveRequest(int maxMessages, Duration visibilityTimeout) {
    }

    /** One received message: the message and the receipt handle of this receive. */
    record Received(SqsMessage message, String receiptHandle) {
    }

    SqsQueue(String name, String accountId, String region, SimClock clock, Map<String, String> attributes) {
        this.name = name;
        this.accountId = accountId;
        this.region = region;
        this.clock = clock;
        this.createdAt = clock.now();
        this.lastModifiedAt = createdAt;
        this.attributes = QueueAttributes.defaults();
        this.attributes.putAll(attributes);
    }

    String arn() {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
    }

    synchronized Map<String, String> settableAttributes() {
        return Map.copyOf(attributes);
    }

    synchronized void setAttributes(Map<String, String> changed) {
        attributes.putAll(changed);
        attributes.values().removeIf(String::isEmpty);
        lastModifiedAt = clock.now();
    }

    /** Every attribute, read-only ones included, in GetQueueAttributes' order. */
    synchronized Map<String, String> allAttributes() {
        Instant now = clock.now();
        expire(now);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("QueueArn", arn());
        out.put("ApproximateNumberOfMessages", Long.toString(messages.values().stream().filter(m -> m.visible(now)).count()));
        out.put("ApproximateNumberOfMessagesNotVisible", Long.toString(messages.values().stream().filter(m -> m.inFlight(now)).count()));
        out.put("ApproximateNumberOfMessagesDelayed", Long.toString(messages.values().stream().filter(m -> m.delayed(now)).count()));
        out.put("CreatedTimestamp", Long.toString(createdAt.getEpochSecond()));
        out.put("LastModifiedTimestamp", Long.toString(lastModifiedAt.getEpochSecond()));
        out.putAll(attributes);
        return out;
    }

    /** Enqueues a message; {@code delay} null takes the queue's DelaySeconds. */
    SqsMessage send(String body, Map<String, MessageAttribute> attrs, Map<String, MessageAttribute> systemAttrs, String senderId,
                    Duration delay) {
        List<Runnable> wake;
        SqsMessage m;
        synchronized (this) {
            Instant now = clock.now();
            Duration d = delay != null ? delay : QueueAttributes.seconds(attributes, "DelaySeconds");
            m = new SqsMessage(UUID.randomUUID().toString(), body, attrs, systemAttrs, senderId, now, now.plus(d));
            messages.put(m.messageId, m);
            wake = d.isZero() ? serveWaiters(now) : List.of();
            if (!d.isZero()) {
                clock.schedule(m.visibleAt, this::wakeWaiters);
            }
        }
        wake.forEach(Runnable::run);
        return m;
    }

    /** Receives what is visible now, or waits up to {@code wait} (real time, as SQS long polling) for something to arrive. */
    CompletableFuture<List<Received>> receive(ReceiveRequest request, Duration wait, Consumer<Runnable> afterWait,
                                              Consumer<SqsMessage> deadLetter) {
        CompletableFuture<List<Received>> answer = new CompletableFuture<>();
        synchronized (this) {
            List<Received> now = take(request, clock.now(), deadLetter);
            if (!now.isEmpty() || wait.isZero()) {
                answer.complete(now);
                return answer;
            }
            Waiter w = new Waiter(request, answer);
            waiters.add(w);
            afterWait.accept(() -> timeOut(w));
        }
        return answer;
    }

    private synchronized void timeOut(Waiter w) {
        if (waiters.remove(w)) {
            w.answer().complete(List.of());
        }
    }

    /** Gives waiting receivers what is visible now (called when a delay or visibility timeout ends). */
    void wakeWaiters() {
        List<Runnable> wake;
        synchronized (this) {
            wake = serveWaiters(clock.now());
        }
        wake.forEach(Runnable::run);
    }

    /** Takes messages for waiters under the lock; the returned completions run after it is released. */
    private List<Runnable> serveWaiters(Instant now) {
        List<Runnable> out = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            List<Received> got = take(w.request(), now, m -> { });
            if (got.isEmpty()) {
                break;
            }
            it.remove();
            out.add(() -> w.answer().complete(got));
        }
        return out;
    }

    private List<Received> take(ReceiveRequest request, Instant now, Consumer<SqsMessage> deadLetter) {
        expire(now);
        QueueAttributes.Redrive redrive = QueueAttributes.redrive(attributes);
        Duration visibility = request.visibilityTimeout() != null ? request.visibilityTimeout()
                : QueueAttributes.seconds(attributes, "VisibilityTimeout");
        List<Received> out = new ArrayList<>();
        for (Iterator<SqsMessage> it = messages.values().iterator(); it.hasNext() && out.size() < request.maxMessages(); ) {
            SqsMessage m = it.next();
            if (!m.visible(now)) {
                continue;
            }
            if (redrive != null && m.receiveCount >= redrive.maxReceiveCount()) {
                // Received maxReceiveCount times and still here: SQS moves it on the next receive.
                it.remove();
                deadLetter.accept(m);
                continue;
            }
            m.receiveCount++;
            m.firstReceivedAt = m.firstReceivedAt == null ? now : m.firstReceivedAt;
            m.visibleAt = now.plus(visibility);
            m.receiptHandle = ReceiptHandles.issue(name, m.messageId);
            clock.schedule(m.visibleAt, this::wakeWaiters);
            out.add(new Received(m, m.receiptHandle));
        }
        return out;
    }

    private void expire(Instant now) {
        Instant oldest = now.minus(QueueAttributes.seconds(attributes, "MessageRetentionPeriod"));
        messages.values().removeIf(m -> m.sentAt.isBefore(oldest));
    }

    /** Deletes the message a receipt handle names; a handle of a message already gone is fine, as in SQS. */
    synchronized void delete(String messageId) {
        messages.remove(messageId);
    }

    /** Changes an in-flight message's visibility timeout, counted from now. */
    void changeVisibility(String messageId, Duration timeout) {
        synchronized (this) {
            Instant now = clock.now();
            SqsMessage m = messages.get(messageId);
            if (m == null) {
                throw SqsError.INVALID_PARAMETER_VALUE.fault("Value for parameter ReceiptHandle is invalid. Reason: Message does not exist "
                        + "or is not available for visibility timeout change.");
            }
            if (!m.inFlight(now)) {
                throw SqsError.MESSAGE_NOT_INFLIGHT.fault("Message is not in flight: its visibility timeout has ended.");
            }
            m.visibleAt = now.plus(timeout);
            clock.schedule(m.visibleAt, this::wakeWaiters);
        }
        if (timeout.isZero()) {
            wakeWaiters();
        }
    }

    /** Deletes every message; a second purge within 60 s is refused, as in SQS. */
    synchronized void purge() {
        Instant now = clock.now();
        if (lastPurge != null && now.isBefore(lastPurge.plusSeconds(60))) {
            throw SqsError.PURGE_QUEUE_IN_PROGRESS.fault("Only one PurgeQueue operation on " + name + " is allowed every 60 seconds.");
        }
        lastPurge = now;
        messages.clear();
    }

    /** Ends every waiting receive with no messages: the queue is gone. */
    void markDeleted() {
        List<Waiter> left;
        synchronized (this) {
            deleted = true;
            left = new ArrayList<>(waiters);
            waiters.clear();
        }
        left.forEach(w -> w.answer().complete(List.of()));
    }

    synchronized boolean deleted() {
        return deleted;
    }
}
