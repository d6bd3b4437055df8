package dev.spotsim.cli;

import dev.spotsim.cli.client.ApiException;
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
        cmd.getErr().println("spotsim: " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ERROR;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof ApiException || e instanceof InputException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("spotsim: " + e.getMessage());
            return ERROR;
        }
        cmd.getErr().println("spotsim: unexpected failure: " + e);
        e.printStackTrace(cmd.getErr());
        return ERROR;
    }
}
