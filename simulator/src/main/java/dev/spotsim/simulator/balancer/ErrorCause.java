package dev.spotsim.simulator.balancer;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Why the balancer answered a request itself, and the status ALB answers with in that case.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#load-balancer-http-error-codes
 */
public enum ErrorCause {
    /** 503: the target group has no registered targets (draining ones do not count). */
    NO_REGISTERED_TARGETS(503),
    /** 503: targets are registered but none has passed a health check yet (all initial). */
    NO_HEALTHY_TARGETS(503),
    /** 502: the target refused the connection (TCP RST on connect). */
    TARGET_CONNECTION_ERROR(502),
    /** 504: no connection to the target within 10 s. */
    TARGET_CONNECT_TIMEOUT(504),
    /** 502: the target closed the connection (RST or FIN) while a request was outstanding. */
    TARGET_RESET(502),
    /** 502: the target's response was not valid HTTP. */
    TARGET_MALFORMED_RESPONSE(502),
    /** 504: the target sent nothing for the idle timeout. */
    TARGET_TIMEOUT(504),
    /** 502: the deregistration delay elapsed while the draining target still handled the request. */
    DEREGISTRATION_DELAY_ELAPSED(502),
    /** 460: the client closed its connection before the answer was complete. */
    CLIENT_CLOSED(460),
    /** 405: ALB does not support TRACE. */
    METHOD_NOT_ALLOWED(405);

    private final int status;

    ErrorCause(int status) {
        this.status = status;
    }

    /** The status code the client gets (or, for 460, the one ALB logs). */
    public int status() {
        return status;
    }

    /** The name used in records and reports, e.g. {@code target_timeout}. */
    public String wireName() {
        return name().toLowerCase();
    }

    /** What a failed exchange with a target amounts to; {@code drained}: the balancer cut it at the end of the delay. */
    static ErrorCause ofTargetFailure(Throwable failure, boolean drained) {
        if (drained) {
            return DEREGISTRATION_DELAY_ELAPSED;
        }
        // Netty's connect timeout is a ConnectException too, so it is tested first.
        if (failure instanceof ConnectTimeoutException) {
            return TARGET_CONNECT_TIMEOUT;
        }
        if (failure instanceof ConnectException) {
            return TARGET_CONNECTION_ERROR;
        }
        if (failure instanceof TimeoutException) {
            return TARGET_TIMEOUT;
        }
        if (failure instanceof DecoderException || failure instanceof IllegalArgumentException) {
            return TARGET_MALFORMED_RESPONSE;
        }
        return TARGET_RESET;
    }
}
