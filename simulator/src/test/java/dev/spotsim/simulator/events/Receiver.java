package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A webhook target on 127.0.0.1: records every POST and answers with scripted statuses, then 200. */
final class Receiver implements AutoCloseable {
    /** One request as it arrived. */
    record Request(String eventId, String contentType, String body, int answeredWith) {
    }

    private final HttpServer server;
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private boolean stopped;

    /** @param port 0 for any free port */
    Receiver(int port, Integer... statuses) throws IOException {
        script.addAll(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            requests.add(new Request(new ObjectMapper().readTree(body).get("id").asText(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Ids answered 2xx, in arrival order. */
    List<String> delivered() {
        return requests().stream().filter(r -> r.answeredWith() / 100 == 2).map(Request::eventId).toList();
    }

    /** Stops listening; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }
}
