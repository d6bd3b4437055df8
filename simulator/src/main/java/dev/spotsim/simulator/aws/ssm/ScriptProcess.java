package dev.spotsim.simulator.aws.ssm;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code aws:runShellScript} run as a real child process: the commands written to {@code _script.sh}
 * in the invocation's folder, run by {@code /bin/sh} in its own session (so its whole process group
 * can be killed, even children that outlived their parent), stdout and stderr written to files there,
 * as the SSM Agent keeps them. https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-command-ssm-plugin-reference.html#aws-runShellScript
 */
final class ScriptProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptProcess.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";
    private final Process process;

    private ScriptProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code commands} (one shell line each) with {@code environment} added, in {@code workingDirectory}. */
    static ScriptProcess start(Path folder, List<String> commands, Path workingDirectory, Map<String, String> environment) throws IOException {
        Files.createDirectories(folder);
        Path script = folder.resolve("_script.sh");
        Files.writeString(script, String.join("\n", commands) + "\n", StandardCharsets.UTF_8);
        Path out = folder.resolve(STDOUT);
        Path err = folder.resolve(STDERR);
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            argv.add(SETSID.toString());
        }
        argv.add("/bin/sh");
        argv.add(script.toString());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(environment);
        return new ScriptProcess(pb.start());
    }

    /** Completes with the exit code when the shell exits. */
    CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Whether any process still belongs to session {@code sid} (the shell ran as its leader, by setsid), read from
     * /proc; true where /proc cannot tell, so the group stays guarded.
     */
    static boolean sessionAlive(long sid) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return true;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(proc)) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).anyMatch(p -> session(p) == sid);
        } catch (IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }

    /** Field 6 of /proc/PID/stat (after the command name in parentheses: state, ppid, pgrp, session); -1 when unreadable. */
    private static long session(Path procDir) {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Kills the shell, everything it started and its whole process group; waits briefly for the shell to be reaped. */
    void killTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        killGroup(process.pid());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills what is left of a process group this class started (children that outlived their shell). */
    static void killGroup(long pid) {
        if (!Files.isExecutable(SETSID)) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("could not kill process group {}: {}", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first {@code maxChars} characters of a file (SSM keeps the start of long output). */
    static String head(Path file, int maxChars) {
        if (maxChars <= 0 || !Files.exists(file)) {
            return "";
        }
        char[] buffer = new char[maxChars];
        int n = 0;
        try (Reader r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            for (int read; n < maxChars && (read = r.read(buffer, n, maxChars - n)) >= 0; ) {
                n += read;
            }
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
        return new String(buffer, 0, n);
    }
}
