package dev.spotsim.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over the JDK's HttpClient to the control API root; refusals and transport failures become {@link ControlApiException}. */
final class ControlTransport {
    static final String DEFAULT_URL = "http://127.0.0.1:1337/spotsim/v1";
    private static final String ROOT_HINT = " (is the control URL the API root, like " + DEFAULT_URL + "?)";
    private final String baseUrl;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Duration timeout;

    ControlTransport(String baseUrl, ObjectMapper json, Duration timeout) {
        String trimmed = baseUrl == null ? "" : baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (!isHttpUrl(trimmed)) {
            throw new IllegalArgumentException("control URL: expected a URL like " + DEFAULT_URL + ", got \"" + baseUrl + "\"");
        }
        this.baseUrl = trimmed;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Sends {@code body} (null: none) and reads the JSON answer. */
    JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = request(path).timeout(timeout).header("Accept", "application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        HttpResponse<String> response = exchange(method, request.build(), HttpResponse.BodyHandlers.ofString());
        return answer(method, path, response.statusCode(), response.body(), response.headers().firstValue("x-amzn-ErrorType").isPresent());
    }

    /** Opens a streaming GET (server-sent events); the caller reads and closes the body. */
    InputStream stream(String path) {
        HttpResponse<InputStream> response = exchange("GET", request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            answer("GET", path, response.statusCode(), text, false);
            throw new ControlApiException(response.statusCode(), null, "the event stream answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    private <T> HttpResponse<T> exchange(String method, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ControlApiException(0, null, "cannot reach the simulator at " + baseUrl + ": is \"spotsim serve\" running?");
        } catch (IOException e) {
            throw new ControlApiException(0, null, method + " " + request.uri() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlApiException(0, null, "interrupted while talking to the simulator at " + baseUrl);
        }
    }

    /** The JSON answer, or the API's {"error", "message"} as an exception; a non-JSON answer means a wrong URL. */
    private JsonNode answer(String method, String path, int status, String body, boolean awsAnswered) {
        JsonNode answer;
        try {
            answer = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ControlApiException(status, null, method + " " + baseUrl + path + " answered HTTP " + status + " without JSON" + ROOT_HINT);
        }
        if (status < 400) {
            return answer;
        }
        String message = answer.path("message").asText("");
        if (message.startsWith("no such resource") || awsAnswered) {
            // The API's router knows no such path, or the AWS APIs at the port's root answered: the URL misses the /spotsim/v1 root.
            message += ROOT_HINT;
        }
        String error = answer.path("error").isTextual() ? answer.path("error").asText() : null;
        throw new ControlApiException(status, error, message.isEmpty() ? method + " " + path + " failed with HTTP " + status : message);
    }
}
