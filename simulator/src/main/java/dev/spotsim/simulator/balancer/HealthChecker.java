package dev.spotsim.simulator.balancer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Sends ALB-style health checks: {@code GET path} every interval whatever the last check took, a
 * fresh connection closed after each check, {@code User-Agent: ELB-HealthChecker/2.0}, a check that
 * takes longer than the timeout fails. Results carry ALB's reason code (null when passed).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
final class HealthChecker {
    static final String USER_AGENT = "ELB-HealthChecker/2.0";
    private final Vertx vertx;
    private final HealthCheckSettings settings;
    private final HttpClient client;

    /** Creates its client; call on the balancer's context so the client belongs to it. */
    HealthChecker(Vertx vertx, HealthCheckSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    }

    /** Checks the target now and then every interval; {@code result} gets (target, reason or null). */
    void start(Target target, BiConsumer<Target, String> result) {
        check(target, result);
        target.healthTimer = vertx.setPeriodic(settings.interval().toMillis(), id -> check(target, result));
    }

    void stop(Target target) {
        vertx.cancelTimer(target.healthTimer);
        target.healthTimer = -1;
    }

    private void check(Target target, BiConsumer<Target, String> result) {
        long timeout = settings.timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host).setPort(target.port)
                .setURI(settings.path()).setConnectTimeout(timeout).setIdleTimeout(timeout)
                .putHeader("User-Agent", USER_AGENT);
        client.request(options)
                .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
                .timeout(settings.timeout())
                .onComplete(ar -> result.accept(target, ar.succeeded() ? mismatch(ar.result()) : failure(ar.cause())));
    }

    private String mismatch(int status) {
        return settings.successCodes().matches(status) ? null : "Target.ResponseCodeMismatch";
    }

    private static String failure(Throwable cause) {
        return cause instanceof TimeoutException ? "Target.Timeout" : "Target.FailedHealthChecks";
    }

    Future<Void> close() {
        return client.close();
    }
}
