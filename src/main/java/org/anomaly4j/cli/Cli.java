package org.anomaly4j.cli;

import org.anomaly4j.AnomalyException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Runs a picocli command and turns failures into an exit code and a short message: a user error
 * ({@link AnomalyException}, bad arguments) prints one message naming the file or key and the fix;
 * running out of memory (Java heap, or native memory that javacpp or libnd4j cannot allocate) names the
 * settings that change that; anything else prints the exception and asks for
 * {@code --verbose}. Stack traces only with {@code --verbose}.
 */
public final class Cli {
    public static final int USER_ERROR = 2;
    public static final int INTERNAL_ERROR = 1;

    private Cli() {
    }

    public static int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        // picocli would expand @file arguments itself, splitting lines at spaces and ignoring Predict's own rules
        // (one path per line, relative to the list's folder)
        cl.setExpandAtFiles(false);
        CommandLine.IParameterExceptionHandler standard = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, unparsed) -> {
            int code = standard.handleParseException(ex, unparsed);
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                String hint = ConfigKeyHint.of(unmatched);
                if (!hint.isEmpty()) {
                    ex.getCommandLine().getErr().println(hint);
                    ex.getCommandLine().getErr().flush();
                }
            }
            return code;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose");
            PrintWriter err = commandLine.getErr();
            Throwable user = userError(ex);
            if (verbose) {
                ex.printStackTrace(err);
            }
            Throwable oom = outOfMemory(ex);
            if (oom != null) {
                return reportOutOfMemory(err, oom);
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
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // an Error thrown by the command itself is not an Exception, so it may pass the handler above
            // (the run folder is removed by then: RunDirectory closes in a finally)
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(cl.getErr());
            }
            return reportOutOfMemory(cl.getErr(), e);
        }
    }

    private static int reportOutOfMemory(PrintWriter err, Throwable e) {
        err.println("error: " + OUT_OF_MEMORY + " (" + e.getMessage() + ")");
        err.flush();
        return USER_ERROR;
    }

    /**
     * The OutOfMemoryError in t's causes, or the native allocation failure: libnd4j reports a failed malloc
     * not as an Error but as a RuntimeException "Allocation failed: [std::bad_alloc]" (seen with
     * {@code ulimit -v} while the feature cache filled).
     */
    private static Throwable outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError
                    || c.getMessage() != null && c.getMessage().contains("std::bad_alloc")) {
                return c;
            }
        }
        return null;
    }

    static final String OUT_OF_MEMORY = "out of memory. Give the JVM more if the machine has it (e.g. MAVEN_OPTS=\"-Xmx8g "
            + "-Dorg.bytedeco.javacpp.maxbytes=12G -Dorg.bytedeco.javacpp.maxphysicalbytes=20G\"; defaults in .mvn/jvm.config), "
            + "or make the run smaller: data.imageSize, data.maxTrainImages, train.batchSize or scoring.batchSize, or "
            + "train.featureCache=false (keeps no encoder features in memory; slower). Train continues from its last "
            + "finished epoch with --resume";

    private static Throwable userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AnomalyException) {
                return c;
            }
        }
        return null;
    }
}
