package io.edgedeck.services;

import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.SignedCommand;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a signed command and completes with the device's answer or a TIMEOUT outcome; completes exceptionally
 * (usually with a {@code LinkException}) when publishing fails. {@code CommandChannel::send} is one.
 */
@FunctionalInterface
public interface CommandPublisher {
    CompletableFuture<CommandOutcome> publish(SignedCommand command, Duration timeout);
}
