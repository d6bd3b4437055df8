package dev.spotsim.simulator.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to run for a workload: the program's argv (a shell command becomes {@code /bin/sh -c ...}),
 * the working directory (null: ours) and extra environment variables.
 */
public record ProcessSpec(List<String> argv, Path workingDir, Map<String, String> environment) {
    /** Shell syntax that needs the shell to stay around (a list, a pipeline, a background job, a subshell). */
    private static final String COMPOUND = "(?s).*[;&|()\\n`].*";
    /** {@code NAME=value prog}: the assignment must come before {@code exec}, so such a command keeps its shell. */
    private static final String LEADING_ASSIGNMENT = "(?s)\\s*[A-Za-z_][A-Za-z0-9_]*=.*";
    /** Words the shell itself runs (POSIX reserved words and builtins): {@code exec exit 3} would look for a program "exit". */
    private static final Set<String> SHELL_WORDS = Set.of("!", "{", "case", "for", "if", "until", "while", ".", ":", "alias", "break",
            "cd", "command", "continue", "eval", "exec", "exit", "export", "read", "readonly", "return", "set", "shift", "source",
            "times", "trap", "ulimit", "umask", "unset", "wait");

    public ProcessSpec {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("argv: expected a program to run, got " + argv);
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c}. A simple command is prefixed with {@code exec}, so the
     * program replaces the shell and is the process the stop signal reaches, like a container's exec-form
     * CMD: the scenarios' {@code java Service.java} commands drain the way they would on ECS. Other commands
     * keep their shell: it is then the one signalled, dies of SIGTERM at once, and what it started is killed
     * with it, as a container's processes die with PID 1 (the record shows exit 143 and the lost drain).
     * Docker's shell form, where /bin/sh as PID 1 ignores SIGTERM, is the container runtime's to show.
     */
    public static ProcessSpec shell(String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command: expected a command to run, got " + (command == null ? "nothing" : "a blank"));
        }
        boolean keepShell = command.matches(COMPOUND) || command.matches(LEADING_ASSIGNMENT)
                || SHELL_WORDS.contains(command.trim().split("\\s+")[0]);
        String script = keepShell ? command : "exec " + command;
        return new ProcessSpec(List.of("/bin/sh", "-c", script), null, Map.of());
    }

    /** Runs the program directly, without a shell. */
    public static ProcessSpec of(String... argv) {
        return new ProcessSpec(List.of(argv), null, Map.of());
    }

    public ProcessSpec in(Path workingDir) {
        return new ProcessSpec(argv, workingDir, environment);
    }

    public ProcessSpec withEnvironment(Map<String, String> environment) {
        return new ProcessSpec(argv, workingDir, environment);
    }

    /** The command as a user would type it, for messages. */
    public String commandLine() {
        return argv.size() == 3 && argv.get(0).equals("/bin/sh") && argv.get(1).equals("-c") ? argv.get(2) : String.join(" ", argv);
    }
}
