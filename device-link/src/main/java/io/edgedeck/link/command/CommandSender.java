package io.edgedeck.link.command;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one relay command and reports how it ended. The seam where roles and auditing wrap command sending: an
 * implementation that checks the operator's role, delegates, and appends the outcome to the audit log.
 */
public interface CommandSender {
    /**
     * Rate-limits, signs and publishes the command, then waits for the device's acknowledgement.
     *
     * @throws RateLimitExceededException before anything is signed or sent, when the device had too many commands
     */
    CompletableFuture<CommandOutcome> send(String deviceId, RelayCommand command, Duration timeout);
}
