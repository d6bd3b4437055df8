package dev.spotsim.simulator.imds;

import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.instance.Faults;
import dev.spotsim.simulator.instance.InstanceView;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Answers one instance's metadata requests: faults first, then the token endpoint, then token
 * checks, then the tree. Runs on the event loop and never blocks.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
 */
final class ImdsHandler {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    /** A request picked to "time out" gets no answer; its connection is closed after this, to free it. */
    private static final long HANG_MILLIS = Duration.ofMinutes(2).toMillis();

    private final Vertx vertx;
    private final SimClock clock;
    private final TokenService tokens;
    private final MetadataTree tree;

    ImdsHandler(Vertx vertx, SimClock clock, TokenService tokens, MetadataTree tree) {
        this.vertx = vertx;
        this.clock = clock;
        this.tokens = tokens;
        this.tree = tree;
    }

    void handle(HttpServerRequest request, Supplier<InstanceView> instance) {
        InstanceView view = instance.get();
        Faults faults = view.faults();
        if (faults.isNone()) {
            answer(request, view);
            return;
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        if (roll < faults.timeoutRate()) {
            request.pause();
            vertx.setTimer(HANG_MILLIS, id -> request.connection().close());
            return;
        }
        Runnable reply = roll < faults.timeoutRate() + faults.errorRate()
                ? () -> ImdsResponses.error(request.response(), faults.errorStatus())
                : () -> answer(request, instance.get());
        if (faults.delay().isZero()) {
            reply.run();
        } else {
            request.pause();
            vertx.setTimer(Math.max(1, faults.delay().toMillis()), id -> {
                request.resume();
                reply.run();
            });
        }
    }

    private void answer(HttpServerRequest request, InstanceView view) {
        if (!view.options().endpointEnabled()) {
            // With HttpEndpoint disabled, IMDS answers 403 to everything.
            ImdsResponses.error(request.response(), 403);
            return;
        }
        String path = MetadataPaths.ofRequestTarget(request.uri());
        if (path.equals(TOKEN_PATH)) {
            issueToken(request, view);
            return;
        }
        if (MetadataPaths.isOtherTokenPath(path)) {
            // A token is only issued at /latest/api/token: a dated version's token path or a trailing slash gets 403.
            ImdsResponses.error(request.response(), request.method() == HttpMethod.PUT ? 403 : 404);
            return;
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            ImdsResponses.error(request.response(), 405);
            return;
        }
        Instant now = clock.now();
        String token = request.getHeader(TOKEN_HEADER);
        // A token that is sent must be valid, even when IMDSv1 is allowed; without one, only IMDSv1 may pass.
        if (token != null ? !tokens.isValid(token, view.instanceId(), now) : view.options().tokensRequired()) {
            ImdsResponses.error(request.response(), 401);
            return;
        }
        MetadataValue value = tree.resolve(path, view, now);
        if (value == null) {
            ImdsResponses.error(request.response(), 404);
        } else {
            ImdsResponses.data(request.response(), value);
        }
    }

    private void issueToken(HttpServerRequest request, InstanceView view) {
        if (request.method() != HttpMethod.PUT) {
            // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html (token: PUT only)
            request.response().putHeader("Allow", "OPTIONS, PUT");
            ImdsResponses.error(request.response(), 405);
            return;
        }
        // IMDS refuses token requests that went through a proxy.
        if (request.getHeader("X-Forwarded-For") != null) {
            ImdsResponses.error(request.response(), 403);
            return;
        }
        String ttlText = request.getHeader(TTL_HEADER);
        long ttl;
        try {
            ttl = ttlText == null ? -1 : Long.parseLong(ttlText.trim());
        } catch (NumberFormatException e) {
            ttl = -1;
        }
        if (ttl < TokenService.MIN_TTL_SECONDS || ttl > TokenService.MAX_TTL_SECONDS) {
            ImdsResponses.error(request.response(), 400);
            return;
        }
        String token = tokens.issue(view.instanceId(), clock.now(), Duration.ofSeconds(ttl));
        request.response().putHeader(TTL_HEADER, Long.toString(ttl));
        ImdsResponses.data(request.response(), MetadataValue.text(token));
    }
}
