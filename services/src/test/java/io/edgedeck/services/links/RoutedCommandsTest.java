package io.edgedeck.services.links;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Reading;
import io.edgedeck.link.mqtt.ConnectionEvent;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.services.CommandPublisher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import static io.edgedeck.services.links.RecordingChannels.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutedCommandsTest {
    private final RecordingChannels channels = new RecordingChannels();
    private final List<String> sent = channels.sent;

    @Test
    void aCommandGoesThroughTheConnectionItsDeviceWasHeardOn() throws Exception {
        var origins = new DeviceOrigins();
        origins.listenerFor("Shop floor").committed(IngestBatch.of(List.of(
                new Reading("plug-a", DeviceKind.PLUG, 1, Map.of(io.edgedeck.db.Metric.POWER, 5.0)))), null);
        origins.listenerFor("Lab").committed(IngestBatch.of(List.of(
                new Reading("plug-b", DeviceKind.PLUG, 1, Map.of(io.edgedeck.db.Metric.POWER, 5.0)))), null);
        Map<String, CommandPublisher> live = Map.of("Shop floor", channels.channel("Shop floor"),
                "Lab", channels.channel("Lab"));
        var routed = new RoutedCommands(origins, n -> Optional.ofNullable(live.get(n)),
                () -> channels.channel("primary"));

        routed.publish(command("plug-b"), Duration.ofSeconds(1)).get();
        routed.publish(command("plug-a"), Duration.ofSeconds(1)).get();
        routed.publish(command("never-heard"), Duration.ofSeconds(1)).get();

        assertEquals(List.of("Lab:plug-b", "Shop floor:plug-a", "primary:never-heard"), sent);
        assertEquals(Optional.of("Lab"), origins.connectionOf("plug-b"));
    }

    @Test
    void aDeviceOfADisconnectedBrokerIsRefusedInWords() {
        var origins = new DeviceOrigins();
        origins.heard("plug-a", "Shop floor");
        var routed = new RoutedCommands(origins, n -> Optional.empty(), () -> channels.channel("primary"));

        var e = assertThrows(ExecutionException.class, () -> routed.publish(command("plug-a"), Duration.ofSeconds(1)).get());

        assertTrue(e.getCause().getMessage().contains("heard on the connection 'Shop floor', which is not connected"),
                e.getCause().getMessage());
        assertTrue(sent.isEmpty());
    }

    @Test
    void originsChangeTheirVersionOnlyWhenADeviceMoves() {
        var origins = new DeviceOrigins();
        origins.heard("plug-a", "Lab");
        long v = origins.version();
        origins.heard("plug-a", "Lab");
        assertEquals(v, origins.version());
        origins.heard("plug-a", "Shop floor");
        assertTrue(origins.version() > v);
    }

    @Test
    void aDisconnectedLinkWithACauseFailed() {
        var refused = new ConnectionEvent(Instant.EPOCH, LinkState.CONNECTING, LinkState.DISCONNECTED,
                "Cannot reach the MQTT broker at lab:1883: connection refused");
        assertEquals(ConnectionPhase.FAILED, ConnectionPhase.of(LinkState.DISCONNECTED, List.of(refused), false));
        assertEquals(ConnectionPhase.DISCONNECTED, ConnectionPhase.of(LinkState.DISCONNECTED, List.of(), false));
        assertEquals(ConnectionPhase.RECONNECTING, ConnectionPhase.of(LinkState.CONNECTING, List.of(refused), true));
        assertEquals(ConnectionPhase.CONNECTED, ConnectionPhase.of(LinkState.CONNECTED, List.of(refused), false));
    }
}
