package dev.spotsim.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small client of the control API: JSON in, JSON out, API errors as {@link ApiException}. */
public final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ControlClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (!isHttpUrl(this.baseUrl)) {
            throw new IllegalArgumentException("--control-url: expected a URL like " + ControlOptions.DEFAULT_URL + ", got \"" + baseUrl + "\"");
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The API root this client talks to, e.g. {@code http://127.0.0.1:1337/spotsim/v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Map<String, ?> body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, Map<String, ?> body) {
        return send("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Map<String, ?> body) {
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiException(0, "cannot reach the simulator at " + baseUrl + ": is \"spotsim serve\" running?");
        } catch (IOException e) {
            throw new ApiException(0, "talking to the simulator at " + baseUrl + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
        return answer(method, path, response);
    }

    /** The JSON answer, or the API's {"error", "message"} as an exception; a non-JSON answer means a wrong URL. */
    private JsonNode answer(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode answer;
        try {
            answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ApiException(status, method + " " + baseUrl + path + " answered HTTP " + status
                    + " without JSON; is --control-url the API root, like " + ControlOptions.DEFAULT_URL + "?");
        }
        if (status >= 400) {
            String message = answer.path("message").asText("");
            if (message.startsWith("no such resource") || response.headers().firstValue("x-amzn-ErrorType").isPresent()) {
                // The API's router knows no such path, or the AWS APIs at the port's root answered:
                // the URL misses or mangles the /spotsim/v1 root.
                message += " (is --control-url the API root, like " + ControlOptions.DEFAULT_URL + "?)";
            }
            throw new ApiException(status, message.isEmpty() ? method + " " + path + " failed with HTTP " + status : message);
        }
        return answer;
    }

    public static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }
}
