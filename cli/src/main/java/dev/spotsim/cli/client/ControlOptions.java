package dev.spotsim.cli.client;

import picocli.CommandLine.Option;

/** Options every client command shares: where the control API is, and raw JSON output. */
public final class ControlOptions {
    /** Where {@code spotsim serve} puts the control API unless told otherwise. */
    public static final String DEFAULT_URL = "http://127.0.0.1:1337/spotsim/v1";

    @Option(names = "--control-url", paramLabel = "URL", defaultValue = "${env:SPOTSIM_CONTROL_URL:-" + DEFAULT_URL + "}",
            description = "The simulator's control API (env SPOTSIM_CONTROL_URL; default: ${DEFAULT-VALUE}).")
    String controlUrl;

    @Option(names = "--json", description = "Print the API's JSON answer instead of text.")
    boolean json;

    public ControlClient client() {
        return new ControlClient(controlUrl);
    }

    public boolean json() {
        return json;
    }
}
