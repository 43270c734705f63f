package io.edgedeck.views.relay;

import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.RelayCommand;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed relay command as the signed-in operator and reports how it ended (the console wires it to the
 * services' RelayControl). Called off the FX thread. May throw, or complete exceptionally, with a refusal whose
 * message is meant for people: the role, the rate limit, nobody signed in.
 */
@FunctionalInterface
public interface RelaySender {
    CompletableFuture<CommandOutcome> send(String deviceId, RelayCommand command);

    /** For windows without operators: every command is refused with {@code reason}. */
    static RelaySender refusing(String reason) {
        return (device, command) -> CompletableFuture.failedFuture(new IllegalStateException(reason));
    }
}
