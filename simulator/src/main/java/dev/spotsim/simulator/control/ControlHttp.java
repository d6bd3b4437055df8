package dev.spotsim.simulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.scenarios.parse.StructuredReader;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Reading bodies and writing JSON answers, the same way for every control route. */
final class ControlHttp {
    private static final StructuredReader READER = new StructuredReader();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlHttp() {
    }

    /** An absent or empty body means "all defaults"; anything else must be a JSON object of known fields. */
    static <T> T body(RoutingContext ctx, Class<T> type) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        return READER.read(text == null || text.isBlank() ? "{}" : text, "request body", true, type);
    }

    static void ok(RoutingContext ctx, int status, Object value) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        writeError(ctx.response(), status, code, message);
    }

    /** An error answer for a request whose body is not read to the end: the client may be told at once. */
    static void refuse(RoutingContext ctx, int status, String code, String message) {
        writeError(ctx.response(), status, code, message);
    }

    /** The API's error shape, {@code {"error": code, "message": ...}}; nothing when an answer was already sent. */
    static void writeError(HttpServerResponse response, int status, String code, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("error", code, "message", message == null ? "" : message));
        } catch (JsonProcessingException ex) {
            body = "{\"error\":\"" + code + "\"}";
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
