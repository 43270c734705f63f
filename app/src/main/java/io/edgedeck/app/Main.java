package io.edgedeck.app;

import io.edgedeck.app.cli.EdgeDeckCommand;
import io.edgedeck.app.cli.ErrorReporter;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of the console and the CLI (kept apart from any JavaFX class so it runs from the class path). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        AppPaths paths = AppPaths.forCurrentUser();
        if (System.getProperty("edgedeck.logdir") == null) {
            System.setProperty("edgedeck.logdir", paths.logDir().toString());
        }
        if (System.getProperty("logback.configurationFile") == null) {
            // by name: the embedded HiveMQ broker's jar carries a logback.xml of its own
            System.setProperty("logback.configurationFile", "edgedeck-logback.xml");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return new CommandLine(new EdgeDeckCommand(paths))
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
    }
}
