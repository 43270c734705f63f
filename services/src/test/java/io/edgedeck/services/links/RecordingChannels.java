package io.edgedeck.services.links;

import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.command.SignedCommand;
import io.edgedeck.services.CommandPublisher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Connections for routing tests: each records "connection:device" for a command it is given, in order. */
final class RecordingChannels {
    final List<String> sent = new ArrayList<>();

    CommandPublisher channel(String name) {
        return (command, timeout) -> {
            sent.add(name + ":" + command.deviceId());
            return CompletableFuture.completedFuture(CommandOutcome.timeout(command, Duration.ZERO));
        };
    }

    static SignedCommand command(String device) {
        Instant now = Instant.parse("2026-11-25T20:00:00Z");
        return new SignedCommand("a.b.c", device, RelayCommand.values()[0], "n1", "kid", now, now.plusSeconds(300));
    }
}
