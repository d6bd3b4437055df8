package dev.spotsim.simulator.balancer;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The headers a proxy hop rewrites: hop-by-hop ones (RFC 9110 §7.6.1, plus any the Connection
 * header names) never cross; the target gets ALB's {@code X-Forwarded-For} (client IP appended),
 * {@code X-Forwarded-Proto}, {@code X-Forwarded-Port} and {@code X-Amzn-Trace-Id}. Host is kept.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html
 */
final class ForwardedHeaders {
    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"};

    private ForwardedHeaders() {
    }

    /** What the target receives for this client request on the listener port. */
    static MultiMap toTarget(HttpServerRequest request, int listenerPort, long epochSecond) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        copyEndToEnd(request.headers(), out);
        // The balancer answers "100 Continue" itself, so the target gets the body straight away.
        out.remove("Expect");
        String clientIp = request.remoteAddress() == null ? "127.0.0.1" : request.remoteAddress().hostAddress();
        String chain = request.headers().get("X-Forwarded-For");
        out.set("X-Forwarded-For", chain == null || chain.isBlank() ? clientIp : chain + ", " + clientIp);
        out.set("X-Forwarded-Proto", "http");
        out.set("X-Forwarded-Port", Integer.toString(listenerPort));
        out.set(TraceIds.HEADER, TraceIds.forward(request.headers().get(TraceIds.HEADER), epochSecond));
        return out;
    }

    /** Copies the end-to-end headers of {@code from} into {@code to}. */
    static void copyEndToEnd(MultiMap from, MultiMap to) {
        String connection = from.get("Connection");
        from.forEach(header -> {
            String name = header.getKey();
            if (!isHopByHop(name) && !namedIn(connection, name)) {
                to.add(name, header.getValue());
            }
        });
    }

    private static boolean isHopByHop(String name) {
        for (String h : HOP_BY_HOP) {
            if (h.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namedIn(String connection, String name) {
        if (connection == null) {
            return false;
        }
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
