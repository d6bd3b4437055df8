package dev.spotsim.cli.client;

import dev.spotsim.client.SpotSimClient;
import picocli.CommandLine.Option;

/** Options every client command shares: where the control API is, and raw JSON output. */
public final class ControlOptions {
    /** Where {@code spotsim serve} puts the control API unless told otherwise. */
    public static final String DEFAULT_URL = SpotSimClient.DEFAULT_URL;

    @Option(names = "--control-url", paramLabel = "URL", defaultValue = "${env:SPOTSIM_CONTROL_URL:-" + DEFAULT_URL + "}",
            description = "The simulator's control API (env SPOTSIM_CONTROL_URL; default: ${DEFAULT-VALUE}).")
    String controlUrl;

    @Option(names = "--json", description = "Print the API's answer as JSON instead of text.")
    boolean json;

    /** The typed client of the control API at {@code --control-url}. */
    public SpotSimClient client() {
        try {
            return SpotSimClient.connect(controlUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--control-url: expected a URL like " + DEFAULT_URL + ", got \"" + controlUrl + "\"");
        }
    }

    public boolean json() {
        return json;
    }
}
