package dev.spotsim.cli.console;

import java.util.Map;

/**
 * What a command knows of the console it prints to: whether it may colour, and the process's output
 * routing (null when spotsim runs in-process, in a test, where nothing is rerouted).
 */
public record Terminal(Colour colour, OutputRouting routing) {
    /** In-process: colour as the environment says, no rerouting. */
    public static Terminal of(Map<String, String> env) {
        return new Terminal(Colour.detect(env), null);
    }
}
