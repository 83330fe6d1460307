package org.anomaly4j.cli;

import org.anomaly4j.AnomalyException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs a picocli command and turns failures into an exit code and a short message: a user error
 * ({@link AnomalyException}, bad arguments) prints one message naming the file or key and the fix;
 * anything else prints the exception and asks for {@code --verbose}. Stack traces only with {@code --verbose}.
 */
public final class Cli {
    public static final int USER_ERROR = 2;
    public static final int INTERNAL_ERROR = 1;

    private Cli() {
    }

    public static int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose");
            PrintWriter err = commandLine.getErr();
            Throwable user = userError(ex);
            if (verbose) {
                ex.printStackTrace(err);
            }
            if (user != null) {
                err.println("error: " + user.getMessage());
                err.flush();
                return USER_ERROR;
            }
            err.println("internal error: " + ex + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
            err.flush();
            return INTERNAL_ERROR;
        });
        return cl.execute(args);
    }

    private static Throwable userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AnomalyException) {
                return c;
            }
        }
        return null;
    }
}
