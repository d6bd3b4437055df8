package dev.spotsim.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/**
 * Runs one scenario in a forked JVM ({@link ForkedRun}): Gatling needs {@code --add-opens} and keeps JVM-wide
 * state, and its console output belongs in the run directory, not in the build log. The fork's own lines go to the
 * Maven log as they come; a stopped build stops the fork, which stops its workloads and still writes its record.
 */
final class ScenarioFork {
    /** What a fork left: its exit code, the run directory it created (null if it stopped before), its error and warnings. */
    record Outcome(int exitCode, Path runDir, String error, List<String> warnings) {
    }

    private final String java;
    private final List<String> jvmArgs;
    private final List<File> classpath;
    private final Log log;

    /**
     * @param java the java executable
     * @param jvmArgs options before the main class (add-opens, where Java preferences live, the user's argLine)
     * @param classpath the plugin's artifacts, then the project's test classpath (a user's own Gatling Simulation)
     */
    ScenarioFork(String java, List<String> jvmArgs, List<File> classpath, Log log) {
        this.java = java;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.classpath = List.copyOf(classpath);
        this.log = log;
    }

    /** The command line that runs {@link ForkedRun} with {@code options} (its --option value pairs). */
    List<String> command(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(File::getAbsolutePath).toList()));
        command.add(ForkedRun.class.getName());
        command.addAll(options);
        return command;
    }

    /** Runs the fork to its end in {@code workdir}; blocking. */
    Outcome run(List<String> options, Path workdir) {
        ProcessBuilder builder = new ProcessBuilder(command(options)).directory(workdir.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java + ": " + e.getMessage(), e);
        }
        Thread stopOnExit = new Thread(() -> stop(process), "spotsim-stop-fork");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        Path[] runDir = new Path[1];
        String[] error = new String[1];
        List<String> warnings = new ArrayList<>();
        Thread errors = pump(process.getErrorStream(), line -> log.warn("[fork] " + line));
        try {
            pump(process.getInputStream(), line -> {
                if (line.startsWith(ForkedRun.RUN_DIR)) {
                    runDir[0] = Path.of(line.substring(ForkedRun.RUN_DIR.length()));
                } else if (line.startsWith(ForkedRun.WARNING)) {
                    warnings.add(line.substring(ForkedRun.WARNING.length()));
                    log.warn(line.substring(ForkedRun.WARNING.length()));
                } else if (line.startsWith(ForkedRun.ERROR)) {
                    error[0] = line.substring(ForkedRun.ERROR.length());
                } else {
                    log.info(line);
                }
            }).join();
            int exit = process.waitFor();
            errors.join();
            return new Outcome(exit, runDir[0], error[0], warnings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            return new Outcome(1, runDir[0], "the build was interrupted", warnings);
        } finally {
            removeHook(stopOnExit);
        }
    }

    /** SIGTERM, then a minute to stop its workloads and write the record, then SIGKILL. */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is going: the hook is stopping the fork.
        }
    }

    private static Thread pump(InputStream in, Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // The fork went away; its exit code says how.
            }
        }, "spotsim-fork-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
