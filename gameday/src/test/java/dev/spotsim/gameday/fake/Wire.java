package dev.spotsim.gameday.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for answering in AWS's wire formats. */
final class Wire {
    private Wire() {
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** Query-protocol lists: Prefix.1, Prefix.2, ... */
    static List<String> list(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.containsKey(prefix + "." + i); i++) {
            values.add(form.get(prefix + "." + i));
        }
        return values;
    }

    static ResponseDefinition xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body).build();
    }

    static ResponseDefinition json11(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body).build();
    }

    static ResponseDefinition restJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** REST-JSON errors name their type in x-amzn-ErrorType. */
    static ResponseDefinition restError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", type)
                .withBody("{\"message\":\"" + message + "\"}").build();
    }

    /** AWS JSON 1.1 errors: {"__type": ..., "message": ...}. */
    static ResponseDefinition json11Error(String type, String message) {
        return json11(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** EC2 query errors: a Response/Errors/Error document. */
    static String ec2Error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error></Errors><RequestID>5f7a9c2e-0000-4000-8000-000000000000</RequestID></Response>";
    }

    /** JSON protocols carry timestamps as epoch seconds. */
    static String epoch(Instant t) {
        return String.format(java.util.Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
