package dev.spotsim.cli.client;

import dev.spotsim.client.Event;
import dev.spotsim.client.SpotSimClient;
import java.io.PrintWriter;
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
    public Integer call() {
        SpotSimClient client = control.client();
        PrintWriter out = spec.commandLine().getOut();
        if (!follow) {
            client.events(pattern).forEach(e -> out.println(line(client, e)));
            return 0;
        }
        client.health();
        client.followEvents(pattern, e -> {
            out.println(line(client, e));
            out.flush();
        });
        return 0;
    }

    /** One event as one line of JSON, with EventBridge's member names. */
    private static String line(SpotSimClient client, Event e) {
        return client.json(e);
    }
}
