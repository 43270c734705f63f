package io.edgedeck.app.cli;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.StoreException;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.ops.BoardStateException;
import io.edgedeck.link.esp32.ops.ImageRefusedException;
import io.edgedeck.link.command.KeyFileException;
import io.edgedeck.link.command.RateLimitExceededException;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.tls.TlsSetupException;
import io.edgedeck.services.SignInException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.util.concurrent.CancellationException;

/**
 * Turns a command's failure into one readable line and an exit code; the stack trace goes to the log only.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        int code = exitCodeFor(ex);
        if (code == ExitCodes.FAILURE) {
            LOG.error("Command failed", ex);
        } else {
            LOG.debug("Command failed", ex);
        }
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        cmd.getErr().println(cmd.getColorScheme().errorText("edgedeck: " + message));
        if (code == ExitCodes.FAILURE) {
            cmd.getErr().println("(details are in the log)");
        }
        return code;
    }

    static int exitCodeFor(Throwable ex) {
        if (ex instanceof TlsSetupException) {
            return ExitCodes.USAGE; // our own certificate, key or passphrase is unusable: input to fix
        }
        if (ex instanceof LinkException) {
            return ExitCodes.BROKER;
        }
        if (ex instanceof FlashException) {
            return ExitCodes.LINK;
        }
        if (ex instanceof ImageRefusedException) {
            return ExitCodes.IMAGE_REFUSED;
        }
        if (ex instanceof BoardStateException) {
            return ExitCodes.BOARD_STATE;
        }
        if (ex instanceof RateLimitExceededException) {
            return ExitCodes.COMMAND_REJECTED;
        }
        if (ex instanceof KeyFileException) {
            return ExitCodes.USAGE;
        }
        if (ex instanceof CancellationException) {
            return ExitCodes.CANCELLED;
        }
        if (ex instanceof AccessRefusedException || ex instanceof SignInException) {
            return ExitCodes.NOT_PERMITTED;
        }
        if (ex instanceof StoreException) {
            return ExitCodes.DATABASE;
        }
        if (ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }
}
