package dev.spotsim.simulator.aws;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import dev.spotsim.simulator.route.RouteTable;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS APIs at the control port's root, so {@code AWS_ENDPOINT_URL=http://127.0.0.1:1337}
 * points any SDK or CLI at the simulator. Dispatch as AWS does: {@code X-Amz-Target} for JSON
 * protocols, {@code Action=} for query protocols (EC2 and Auto Scaling share {@code POST /}: the
 * SigV4 credential scope names the service), the path for REST. Signatures are not checked.
 */
public final class AwsFrontDoor {
    private static final Logger LOG = LoggerFactory.getLogger(AwsFrontDoor.class);
    /** SQS allows 1 MiB messages (256 KiB classic); a batch of ten fits here. */
    public static final int BODY_LIMIT_BYTES = 4 * 1024 * 1024;
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

    private final List<AwsService> services;
    private final String defaultRegion;
    private final AwsFaults faults = new AwsFaults();
    private final AwsCalls calls = new AwsCalls();

    public AwsFrontDoor(List<AwsService> services, String defaultRegion) {
        this.services = List.copyOf(services);
        this.defaultRegion = defaultRegion;
    }

    /** Throttling on purpose (also at {@code PUT /spotsim/v1/aws/faults}). */
    public AwsFaults faults() {
        return faults;
    }

    /** Every call received (also at {@code GET /spotsim/v1/aws/calls}). */
    public AwsCalls calls() {
        return calls;
    }

    /** The global reset: every service's resources, the recorded calls and the throttling faults; what was cleared, by name. */
    public java.util.Map<String, Integer> reset() {
        java.util.Map<String, Integer> cleared = new java.util.TreeMap<>();
        for (AwsService s : services) {
            cleared.merge(s.signingName(), s.reset(), Integer::sum);
        }
        cleared.put("calls", calls.calls().size());
        calls.clear();
        cleared.put("faults", faults.throttles().size());
        faults.clear();
        return cleared;
    }

    /** Declares the control routes of the AWS side (faults, calls) under the control API's {@code base}. */
    public void addControlRoutes(RouteTable table, String base) {
        faults.addTo(table, base);
        calls.addTo(table, base);
    }

    /** Mounts the AWS APIs on every path outside {@code excludedPrefix} (the control API). */
    public void addTo(Router router, String excludedPrefix) {
        String notControl = "^(?!" + Pattern.quote(excludedPrefix) + "(/|$)).*";
        router.routeWithRegex(notControl).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.routeWithRegex(notControl).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String requestId = UUID.randomUUID().toString();
        AwsRequest request;
        AwsService service;
        try {
            Dispatch d = dispatch(ctx, requestId);
            request = d.request;
            service = d.service;
        } catch (AwsException e) {
            render(ctx, guessProtocol(ctx), null, requestId, e);
            return;
        }
        calls.record(request, java.time.Instant.now());
        AwsException throttled = faults.check(service, request);
        if (throttled != null) {
            render(ctx, request.protocol(), service, requestId, throttled);
            return;
        }
        Vertx vertx = ctx.vertx();
        vertx.<CompletableFuture<AwsResponse>>executeBlocking(() -> service.handle(request), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        finish(ctx, request, service, null, ar.cause());
                    } else {
                        ar.result().whenComplete((resp, err) -> vertx.runOnContext(v -> finish(ctx, request, service, resp, err)));
                    }
                });
    }

    private void finish(RoutingContext ctx, AwsRequest request, AwsService service, AwsResponse response, Throwable error) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        if (error != null) {
            AwsException e = error instanceof AwsException ae ? ae : internal(request, error);
            render(ctx, request.protocol(), service, request.requestId(), e);
            return;
        }
        HttpServerResponse out = ctx.response().setStatusCode(response.status()).putHeader("Content-Type", response.contentType());
        requestIdHeaders(out, request.protocol(), request.requestId());
        response.headers().forEach(out::putHeader);
        out.end(Buffer.buffer(response.body()));
    }

    private static AwsException internal(AwsRequest request, Throwable error) {
        LOG.error("AWS API {} {} failed", request.service(), request.operation(), error);
        return new AwsException(500, "InternalFailure", "spotsim failed to answer " + request.operation() + ": "
                + error.getClass().getSimpleName(), false, Map.of());
    }

    private record Dispatch(AwsService service, AwsRequest request) {
    }

    private Dispatch dispatch(RoutingContext ctx, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        // HTTP/2 (a Java client's h2c upgrade) carries the host as :authority, not Host: services build URLs from it.
        if (!headers.containsKey("host") && ctx.request().authority() != null) {
            headers.put("host", ctx.request().authority().toString());
        }
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String[] scope = scope(headers.get("authorization"));
        String region = scope != null ? scope[0] : defaultRegion;
        String signingName = scope != null ? scope[1] : null;
        Map<String, List<String>> query = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        String method = ctx.request().method().name();
        String path = ctx.request().path();

        String target = headers.get("x-amz-target");
        if (target != null) {
            int dot = target.lastIndexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            String operation = dot < 0 ? "" : target.substring(dot + 1);
            AwsService s = services.stream().filter(x -> x.targetPrefixes().contains(prefix)).findFirst()
                    .orElseThrow(() -> new AwsException(400, "UnknownOperationException", "spotsim serves no API for X-Amz-Target " + target));
            AwsProtocol protocol = jsonProtocol(headers.get("content-type"), s);
            return new Dispatch(s, new AwsRequest(requestId, s.signingName(), region, protocol, operation, method, path, Map.of(), query,
                    headers, body));
        }
        String contentType = headers.getOrDefault("content-type", "");
        boolean form = contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        Map<String, String> params = new LinkedHashMap<>();
        query.forEach((k, v) -> params.put(k, v.get(0)));
        if (form) {
            params.putAll(formParams(new String(body, StandardCharsets.UTF_8)));
        }
        if (params.containsKey("Action")) {
            String action = params.get("Action");
            AwsService s = queryService(signingName, params.get("Version"));
            AwsProtocol protocol = s.protocols().contains(AwsProtocol.EC2) ? AwsProtocol.EC2 : AwsProtocol.QUERY;
            return new Dispatch(s, new AwsRequest(requestId, s.signingName(), region, protocol, action, method, path, Map.copyOf(params),
                    query, headers, body));
        }
        for (AwsService s : services) {
            for (String p : s.pathPrefixes()) {
                if (path.equals(p) || path.startsWith(p + "/")) {
                    return new Dispatch(s, new AwsRequest(requestId, s.signingName(), region, AwsProtocol.REST_JSON, null, method, path,
                            Map.of(), query, headers, body));
                }
            }
        }
        throw new AwsException(404, "UnknownOperationException", "spotsim serves no AWS API at " + method + " " + path
                + " (the control API is under /spotsim/v1/)");
    }

    private AwsService queryService(String signingName, String version) {
        if (signingName != null) {
            for (AwsService s : services) {
                if (s.signingName().equals(signingName) && s.protocols().stream().anyMatch(AwsProtocol::isQuery)) {
                    return s;
                }
            }
            throw new AwsException(400, "InvalidAction", "spotsim serves no query API for service " + signingName);
        }
        for (AwsService s : services) {
            if (version != null && version.equals(s.apiVersion())) {
                return s;
            }
        }
        throw new AwsException(400, "MissingAuthenticationToken",
                "a query API call needs a SigV4 Authorization header naming its service, or a known Version parameter");
    }

    private static AwsProtocol jsonProtocol(String contentType, AwsService s) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("x-amz-json-1.0") && s.protocols().contains(AwsProtocol.JSON_1_0)) {
            return AwsProtocol.JSON_1_0;
        }
        if (ct.contains("x-amz-json-1.1") && s.protocols().contains(AwsProtocol.JSON_1_1)) {
            return AwsProtocol.JSON_1_1;
        }
        return s.protocols().stream().filter(AwsProtocol::isJson).findFirst().orElse(s.protocol());
    }

    static String[] scope(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = SCOPE.matcher(authorization);
        return m.find() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** Parses an x-www-form-urlencoded body; a malformed escape is the client's error, not ours. */
    static Map<String, String> formParams(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, "MalformedQueryString", "bad form encoding near \"" + abbreviate(pair) + "\": " + e.getMessage());
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static AwsProtocol guessProtocol(RoutingContext ctx) {
        if (ctx.request().getHeader("X-Amz-Target") != null) {
            return AwsProtocol.JSON_1_1;
        }
        String ct = ctx.request().getHeader("Content-Type");
        return ct != null && ct.startsWith("application/x-www-form-urlencoded") ? AwsProtocol.QUERY : AwsProtocol.REST_JSON;
    }

    private static void requestIdHeaders(HttpServerResponse out, AwsProtocol protocol, String requestId) {
        out.putHeader("x-amzn-RequestId", requestId);
        if (protocol.isQuery()) {
            out.putHeader("x-amz-request-id", requestId);
        }
    }

    /** Each protocol's error shape. https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#operation-error-serialization */
    private static void render(RoutingContext ctx, AwsProtocol protocol, AwsService service, String requestId, AwsException e) {
        HttpServerResponse out = ctx.response().setStatusCode(e.status());
        requestIdHeaders(out, protocol, requestId);
        e.headers().forEach(out::putHeader);
        String message = e.getMessage() == null ? "" : e.getMessage();
        String body;
        switch (protocol) {
            case EC2 -> {
                out.putHeader("Content-Type", "text/xml;charset=UTF-8");
                body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + Xml.escape(e.code()) + "</Code><Message>"
                        + Xml.escape(message) + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
            }
            case QUERY -> {
                out.putHeader("Content-Type", "text/xml;charset=UTF-8");
                String ns = service == null || service.xmlNamespace() == null ? "" : " xmlns=\"" + service.xmlNamespace() + "\"";
                body = "<ErrorResponse" + ns + "><Error><Type>" + (e.sender() ? "Sender" : "Receiver") + "</Type><Code>" + Xml.escape(e.code())
                        + "</Code><Message>" + Xml.escape(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
            }
            case JSON_1_0, JSON_1_1 -> {
                out.putHeader("Content-Type", protocol.jsonContentType());
                // The header names the shape without its namespace (SDKs read it before __type).
                out.putHeader("x-amzn-ErrorType", e.code().substring(e.code().indexOf('#') + 1));
                body = "{\"__type\":\"" + Xml.jsonEscape(e.code()) + "\",\"message\":\"" + Xml.jsonEscape(message) + "\"}";
            }
            default -> {
                out.putHeader("Content-Type", "application/json");
                out.putHeader("x-amzn-ErrorType", e.code());
                body = "{\"message\":\"" + Xml.jsonEscape(message) + "\"}";
            }
        }
        out.end(body);
    }
}
