package dev.spotsim.simulator.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A server-sent-events reader on java.net.http's streaming body: collects frames and comments as they arrive. */
final class SseClient implements AutoCloseable {
    /** One dispatched event: its id:, event: and data: fields. */
    record Frame(String id, String event, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Connects (waiting for the headers) and starts reading; {@code lastEventId} may be null. */
    SseClient(HttpClient http, URI uri, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the stream ends when either side closes it
            }
        }, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The complete frames so far, in order. */
    List<Frame> frames() {
        List<Frame> out = new ArrayList<>();
        String id = null;
        String event = null;
        String data = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                if (data != null) {
                    out.add(new Frame(id, event, data));
                }
                id = event = data = null;
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
        return out;
    }

    /** The comment lines (": ...") so far. */
    List<String> comments() {
        return lines.stream().filter(l -> l.startsWith(":")).toList();
    }

    @Override
    public void close() {
        response.body().close();
    }
}
