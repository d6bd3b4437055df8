package dev.spotsim.cli.serve;

/** Where a setting comes from, in order: the flag, then the config file, then the environment, then the default. */
final class Precedence {
    private Precedence() {
    }

    /** The first value given, or null. */
    @SafeVarargs
    static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** An environment variable, or null when it is unset or blank. */
    static String env(java.util.Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
