package io.edgedeck.link.mqtt;

import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.command.CommandSender;
import io.edgedeck.link.command.CommandSigner;
import io.edgedeck.link.command.RelayCommand;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Rate limit, then sign, then publish and wait: the plain {@link CommandSender}, without roles or audit. */
public final class SignedCommandSender implements CommandSender {
    private final CommandRateLimiter limiter;
    private final CommandSigner signer;
    private final CommandChannel channel;

    public SignedCommandSender(CommandRateLimiter limiter, CommandSigner signer, CommandChannel channel) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public CompletableFuture<CommandOutcome> send(String deviceId, RelayCommand command, Duration timeout) {
        limiter.acquire(deviceId); // throws before anything is signed
        return channel.send(signer.sign(deviceId, command), timeout);
    }
}
