package dev.spotsim.cli.console;

import java.util.Map;

/**
 * Whether spotsim's own lines may carry ANSI colour: only when the console is a terminal and
 * {@code NO_COLOR} is unset or empty (https://no-color.org), so logs, pipes and CI files stay plain.
 */
public record Colour(boolean enabled) {
    private static final String RESET = "\u001b[0m";

    /** Decides from the process: a terminal ({@link System#console()}) and {@code env}'s NO_COLOR. */
    public static Colour detect(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return new Colour(System.console() != null && (noColor == null || noColor.isEmpty()));
    }

    public String green(String text) {
        return paint("\u001b[32m", text);
    }

    public String red(String text) {
        return paint("\u001b[31m", text);
    }

    public String yellow(String text) {
        return paint("\u001b[33m", text);
    }

    public String bold(String text) {
        return paint("\u001b[1m", text);
    }

    private String paint(String code, String text) {
        return enabled ? code + text + RESET : text;
    }
}
