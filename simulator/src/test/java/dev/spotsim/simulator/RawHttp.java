package dev.spotsim.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP against the simulator, for the status codes and headers the SDK hides. */
public final class RawHttp {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public RawHttp(String base) {
        this.base = base;
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(method, path, body, Duration.ofSeconds(20), headers);
    }

    public HttpResponse<String> send(String method, String path, String body, Duration timeout, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** A fresh IMDSv2 token with the given TTL. */
    public String token(int ttlSeconds) {
        HttpResponse<String> r = send("PUT", "/latest/api/token", null, "X-aws-ec2-metadata-token-ttl-seconds", Integer.toString(ttlSeconds));
        if (r.statusCode() != 200) {
            throw new AssertionError("token request failed: " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
