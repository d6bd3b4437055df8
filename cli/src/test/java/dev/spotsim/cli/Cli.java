package dev.spotsim.cli;

import dev.spotsim.cli.serve.ServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the spotsim command in-process, with an environment of the test's choosing, and keeps what it printed. */
final class Cli {
    final int exitCode;
    final String out;
    final String err;

    private Cli(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /** Runs with an empty environment, so the machine's AWS_REGION or SPOTSIM_* cannot change the outcome. */
    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    static Cli run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = commandLine(env, out, err);
        int code = cmd.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The command line, printing into {@code out} and {@code err}. */
    static CommandLine commandLine(Map<String, String> env, StringWriter out, StringWriter err) {
        CommandLine cmd = SpotsimCommand.commandLine(env);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    /** {@code spotsim serve ARGS} parsed but not run: the caller starts and stops it. */
    static ServeCommand parsedServe(Map<String, String> env, StringWriter out, String... args) {
        CommandLine cmd = commandLine(env, out, new StringWriter());
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        cmd.parseArgs(all);
        return serveOf(cmd);
    }

    /** The serve command object of a command line, to start, inspect or stop it from a test. */
    static ServeCommand serveOf(CommandLine cmd) {
        return (ServeCommand) cmd.getSubcommands().get("serve").getCommand();
    }

    /** The lines written to stderr. */
    long errLines() {
        return err.lines().count();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
    }
}
