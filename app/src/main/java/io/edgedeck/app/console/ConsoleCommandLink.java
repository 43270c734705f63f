package io.edgedeck.app.console;

import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.SignedCommand;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.CommandChannel;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.services.CommandPublisher;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The console's command channel, which exists only once the broker is up (the built-in one starts in the
 * background): until {@link #connect} succeeded, a command fails with a message saying so, and is audited as failed.
 */
final class ConsoleCommandLink implements CommandPublisher, AutoCloseable {
    private volatile CommandChannel channel;
    private volatile boolean closed;

    /** Connects the channel (its own MQTT connection, clean session); a LinkException when the broker is unreachable. */
    void connect(BrokerSettings ingestSettings, Duration timeout) {
        connect(ingestSettings, timeout, () -> true);
    }

    /** Like {@link #connect(BrokerSettings, Duration)}; the channel is kept only if {@code stillWanted} says so. */
    void connect(BrokerSettings ingestSettings, Duration timeout, java.util.function.BooleanSupplier stillWanted) {
        BrokerSettings settings = ingestSettings.withClientId(ingestSettings.clientId() + "-commands")
                .withCleanStart(true);
        CommandChannel c = CommandChannel.connect(settings, timeout);
        synchronized (this) {
            if (closed || !stillWanted.getAsBoolean()) { // closed, or the console switched brokers meanwhile
                c.close();
                return;
            }
            if (channel != null) channel.close();
            channel = c;
        }
    }

    @Override
    public CompletableFuture<CommandOutcome> publish(SignedCommand command, Duration timeout) {
        CommandChannel c = channel;
        if (c == null) {
            return CompletableFuture.failedFuture(new LinkException("the console is not connected to the broker yet; "
                    + "try again in a moment"));
        }
        return c.send(command, timeout);
    }

    /** Drops the channel (the console switches brokers); {@link #connect} may follow. */
    synchronized void disconnect() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
