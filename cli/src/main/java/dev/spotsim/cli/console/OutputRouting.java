package dev.spotsim.cli.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Keeps the console for spotsim's own lines: whatever other code writes to {@code System.out} and
 * {@code System.err} (SLF4J's simple logger, Gatling's console summary, java.util.logging such as the
 * java.util.prefs warnings) goes through here. Until a command asks for quiet it passes straight to the
 * console; after {@link #quiet} it goes to a log file (held in memory until {@link #logFile} names it)
 * and, with {@code verbose}, to the console as well. spotsim's own lines use {@link #consoleOut()} and
 * {@link #consoleErr()}, the streams the process started with.
 * <p>Routing the process streams, rather than configuring one logging binding, also catches the output
 * that never passes through SLF4J (Gatling prints its summary with {@code println}).
 */
public final class OutputRouting {
    private final PrintStream consoleOut;
    private final PrintStream consoleErr;
    private final LogSink sink = new LogSink();
    private volatile boolean quiet;
    private volatile boolean verbose;

    private OutputRouting(PrintStream consoleOut, PrintStream consoleErr) {
        this.consoleOut = consoleOut;
        this.consoleErr = consoleErr;
    }

    /**
     * Replaces {@code System.out} and {@code System.err} with routed streams and sends java.util.logging
     * through the routed {@code System.err}; call first thing in {@code main}, before any library starts.
     */
    public static OutputRouting install() {
        OutputRouting routing = new OutputRouting(System.out, System.err);
        System.setOut(new PrintStream(routing.new Routed(routing.consoleOut), true));
        System.setErr(new PrintStream(routing.new Routed(routing.consoleErr), true));
        routeJavaLogging();
        return routing;
    }

    /** The process's real standard output, for spotsim's own lines. */
    public PrintStream consoleOut() {
        return consoleOut;
    }

    /** The process's real standard error, for spotsim's own lines. */
    public PrintStream consoleErr() {
        return consoleErr;
    }

    /** From now on other code's output goes to the log, and to the console too when {@code verbose}. */
    public void quiet(boolean verbose) {
        this.verbose = verbose;
        this.quiet = true;
    }

    /** Where the log goes: what was held so far is written first, then every new line as it comes. */
    public void logFile(Path file) throws IOException {
        sink.open(file);
    }

    /**
     * java.util.logging's default console handler keeps the {@code System.err} it saw when it was made;
     * this one looks it up on every record, so the routing applies whenever JUL was first used.
     */
    private static void routeJavaLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    System.err.print(format.format(record));
                }
            }

            @Override
            public void flush() {
                System.err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
    }

    /** One of the process streams: to the console, or to the log (and the console when verbose). */
    private final class Routed extends OutputStream {
        private final PrintStream console;

        Routed(PrintStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (!quiet || verbose) {
                console.write(bytes, offset, length);
            }
            if (quiet) {
                sink.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            console.flush();
        }
    }

    /** The log: bytes held in memory until the file is known, then appended to it. */
    private static final class LogSink {
        private java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        private OutputStream file;

        synchronized void open(Path path) throws IOException {
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            held.writeTo(out);
            out.flush();
            held = null;
            file = out;
        }

        synchronized void write(byte[] bytes, int offset, int length) {
            if (file == null) {
                held.write(bytes, offset, length);
                return;
            }
            try {
                file.write(bytes, offset, length);
                file.flush();
            } catch (IOException e) {
                // The disk filled or the directory went away: keep the lines rather than lose them, and stop trying the file.
                file = null;
                held = new java.io.ByteArrayOutputStream();
                held.write(bytes, offset, length);
            }
        }
    }
}
