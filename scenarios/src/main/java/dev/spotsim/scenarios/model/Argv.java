package dev.spotsim.scenarios.model;

import java.util.List;
import java.util.Objects;

/**
 * A container's ENTRYPOINT or CMD as a Dockerfile writes it: exec form (a list, run as is) or shell
 * form (a string, run as {@code /bin/sh -c STRING}, exactly as Docker does, so the shell is PID 1).
 * https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
 */
public sealed interface Argv {
    /** The argv the engine runs. */
    List<String> argv();

    /** The list as written. */
    record ExecForm(List<String> argv) implements Argv {
        public ExecForm {
            argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
            if (argv.isEmpty() || argv.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("expected a non-empty list of strings, like [\"java\", \"-jar\", \"/app.jar\"]");
            }
        }
    }

    /** {@code /bin/sh -c command}. */
    record ShellForm(String command) implements Argv {
        public ShellForm {
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("expected a command; a string runs as /bin/sh -c STRING, a list runs as is");
            }
        }

        @Override
        public List<String> argv() {
            return List.of("/bin/sh", "-c", command);
        }
    }

    /** True when {@code argv} is what a shell-form instruction becomes ({@code /bin/sh -c ...} or {@code sh -c ...}). */
    static boolean isShellForm(List<String> argv) {
        return argv != null && argv.size() >= 3 && (argv.get(0).equals("/bin/sh") || argv.get(0).equals("sh")
                || argv.get(0).equals("/bin/bash")) && argv.get(1).equals("-c");
    }
}
