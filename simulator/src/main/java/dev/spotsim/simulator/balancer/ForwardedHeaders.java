package dev.spotsim.simulator.balancer;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

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

    /** What the target receives for this client request on the listener port, added to {@code out}. */
    static MultiMap toTarget(HttpServerRequest request, MultiMap out, int listenerPort, long epochSecond) {
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
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!isHopByHop(name) && !namedIn(connection, name)) {
                to.add(name, header.getValue());
            }
        }
    }

    private static boolean isHopByHop(String name) {
        int length = name.length();
        // Every hop-by-hop name is 2, 7, 10 or 16..19 characters long: most headers are ruled out by length alone.
        if (length != 2 && length != 7 && length != 10 && (length < 16 || length > 19)) {
            return false;
        }
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
