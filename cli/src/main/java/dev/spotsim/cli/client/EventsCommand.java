package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotsim events}: the EventBridge-style events so far, or {@code --follow} them live. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Print the simulator's events as JSON lines; --follow streams new ones.")
public final class EventsCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Option(names = "--pattern", paramLabel = "JSON", description = "An EventBridge event pattern, e.g. '{\"source\": [\"aws.ec2\"]}'.")
    String pattern;

    @Option(names = "--follow", description = "Keep streaming new events (Ctrl-C to stop).")
    boolean follow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String query = pattern == null ? "" : "?pattern=" + URLEncoder.encode(pattern, StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        if (!follow) {
            JsonNode answer = control.client().get("/events" + query);
            answer.path("events").forEach(e -> out.println(e.toString()));
            return 0;
        }
        control.client().get("/health");
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(control.client().baseUrl() + "/events/stream" + query)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new ApiException(stream.statusCode(), "the event stream answered HTTP " + stream.statusCode());
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    out.println(line.substring(6));
                    out.flush();
                }
            }
        }
        return 0;
    }
}
