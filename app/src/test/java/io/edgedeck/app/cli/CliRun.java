package io.edgedeck.app.cli;

import io.edgedeck.app.AppPaths;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the {@code edgedeck} command line in this JVM, as a user would, with its output captured: the CLI tests' one way in. */
final class CliRun {
    /** What a run printed and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    private CliRun() {
    }

    /** Config, data and logs in three folders under {@code dir}, as EDGEDECK_HOME would put them. */
    static AppPaths under(Path dir) {
        return new AppPaths(dir.resolve("config"), dir.resolve("data"), dir.resolve("logs"));
    }

    static Run run(AppPaths paths, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EdgeDeckCommand(paths))
                .setExecutionExceptionHandler(new ErrorReporter())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
