package io.edgedeck.services.links;

import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.SignedCommand;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.services.CommandPublisher;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a relay command through the connection its device was heard on: a plug on the shop-floor broker is switched
 * through that broker even while the demo fleet is the primary connection. A device not heard yet goes through the
 * primary connection; a device whose connection was disconnected, or whose remembered connection no longer exists, is
 * refused in words (never sent through another broker, where nothing would answer).
 */
public final class RoutedCommands implements CommandPublisher {
    private final DeviceOrigins origins;
    private final Function<String, Optional<CommandPublisher>> byConnection;
    private final Supplier<CommandPublisher> primary;

    /**
     * @param byConnection the command channel of a live connection by its name, empty when it is not connected
     * @param primary      the primary connection's command channel
     */
    public RoutedCommands(DeviceOrigins origins, Function<String, Optional<CommandPublisher>> byConnection,
                          Supplier<CommandPublisher> primary) {
        this.origins = origins;
        this.byConnection = byConnection;
        this.primary = primary;
    }

    @Override
    public CompletableFuture<CommandOutcome> publish(SignedCommand command, Duration timeout) {
        Optional<DeviceOrigins.Origin> heardOn = origins.origin(command.deviceId());
        if (heardOn.isEmpty()) {
            return primary.get().publish(command, timeout);
        }
        String connection = heardOn.get().connection();
        Optional<CommandPublisher> live = byConnection.apply(connection);
        if (live.isPresent()) {
            return live.get().publish(command, timeout);
        }
        String why = heardOn.get().gone()
                ? ", which no longer exists (its profile was deleted or renamed), so EdgeDeck does not know which broker "
                + "reaches it now; it can be switched again once it is heard on one of the connections"
                : ", which is not connected now; connect it again (Ctrl+Shift+B) to switch this device";
        return CompletableFuture.failedFuture(new LinkException(command.deviceId() + " was heard on the connection '"
                + connection + "'" + why));
    }
}
