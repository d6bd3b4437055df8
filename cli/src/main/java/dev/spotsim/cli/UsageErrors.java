package dev.spotsim.cli;

import dev.spotsim.client.ControlApiException;
import dev.spotsim.scenarios.parse.InputException;
import picocli.CommandLine;

/**
 * Turns bad input and expected failures into one clear line on stderr and exit code 1; only a real
 * bug shows a stack trace.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int ERROR = 1;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("spotsim: " + message(e));
        cmd.getErr().flush();
        return ERROR;
    }

    /** "--notice: expected a duration like ..." for a bad value; picocli's words plus where to look otherwise. */
    static String message(CommandLine.ParameterException e) {
        CommandLine.Model.ArgSpec arg = e.getArgSpec();
        if (arg != null && e.getValue() != null && e.getCause() != null) {
            String name = arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
            String why = e.getCause() instanceof CommandLine.TypeConversionException t ? t.getMessage()
                    : "cannot read \"" + e.getValue() + "\"";
            return name + ": " + why;
        }
        return e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof ControlApiException || e instanceof InputException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("spotsim: " + e.getMessage());
            cmd.getErr().flush();
            return ERROR;
        }
        if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            // The machine, not spotsim: a full disk, a read-only or missing directory. One line says which.
            Throwable io = e instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
            cmd.getErr().println("spotsim: " + (e.getMessage() == null ? io.toString() : e.getMessage())
                    + " (check the path's permissions and free space)");
            cmd.getErr().flush();
            return ERROR;
        }
        cmd.getErr().println("spotsim: unexpected failure (a bug; please report it): " + e);
        e.printStackTrace(cmd.getErr());
        cmd.getErr().flush();
        return ERROR;
    }
}
