package io.edgedeck.views.connections;

import io.edgedeck.link.mqtt.ConnectionEvent;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LinkWarning;
import io.edgedeck.services.links.ConnectionPhase;
import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.services.links.LiveConnections;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The connections' presentation without a window: log newest first and as text, chip tooltips, warnings told once. */
class ConnectionsViewModelTest {
    final List<ConnectionEvent> log = new ArrayList<>();
    final List<LinkWarning> warnings = new ArrayList<>();
    ConnectionSnapshot lab = new ConnectionSnapshot("Lab", "lab.local:8883 (TLS)", false, ConnectionPhase.FAILED,
            "Cannot reach the MQTT broker at lab.local:8883: connection refused", 0, Optional.empty(), 0);

    final LiveConnections live = new LiveConnections() {
        @Override
        public List<ConnectionSnapshot> connections() {
            return List.of(lab);
        }

        @Override
        public List<ConnectionEvent> log(String name) {
            return name.equals("Lab") ? List.copyOf(log) : List.of();
        }

        @Override
        public List<LinkWarning> dropWarnings(String name) {
            return List.copyOf(warnings);
        }
    };

    @Test
    void theLogShowsNewestFirstWithCausesAndCopiesAsText() {
        log.add(new ConnectionEvent(Instant.parse("2026-11-25T20:00:00Z"), LinkState.DISCONNECTED, LinkState.CONNECTING,
                "connecting to lab.local:8883"));
        log.add(new ConnectionEvent(Instant.parse("2026-11-25T20:00:01Z"), LinkState.CONNECTING, LinkState.DISCONNECTED,
                "Cannot reach the MQTT broker at lab.local:8883: connection refused"));
        var vm = new ConnectionsViewModel(live);
        vm.refresh();

        assertThat(vm.selectedProperty().get()).isEqualTo("Lab");
        assertThat(vm.log()).extracting(LogRow::change).containsExactly("connecting → disconnected",
                "disconnected → connecting");
        assertThat(vm.logText()).startsWith("Lab\n").contains("connection refused")
                .containsSubsequence("connection refused", "connecting to lab.local:8883");
    }

    @Test
    void aFailedChipSaysWhereAndWhy() {
        assertThat(ConnectionsViewModel.chipTooltip(lab)).contains("Lab — failed").contains("lab.local:8883 (TLS)")
                .contains("Cause: Cannot reach").contains("Click for the connection log");
        var longName = new ConnectionSnapshot("A profile with a really long name indeed", "", true,
                ConnectionPhase.CONNECTING, "", 0, Optional.empty(), 0);
        assertThat(ConnectionsViewModel.chipText(longName)).hasSize(24).endsWith("…");
        var demo = new ConnectionSnapshot("Demo fleet (built-in broker)", "127.0.0.1:40123", true,
                ConnectionPhase.CONNECTED, "", 0, Optional.empty(), 0);
        assertThat(ConnectionsViewModel.chipText(demo)).isEqualTo("Demo fleet");
    }

    @Test
    void eachDropWarningIsAnIncidentOnce() {
        lab = new ConnectionSnapshot("Lab", "", false, ConnectionPhase.CONNECTED, "", 10, Optional.empty(), 1);
        var watcher = new DropWarningWatcher(live);
        warnings.add(new LinkWarning(Instant.parse("2026-11-25T20:00:00Z"), "cellar", "Device cellar sent nothing …"));
        assertThat(watcher.newIncidents()).singleElement().satisfies(i -> {
            assertThat(i.connection()).isEqualTo("Lab");
            assertThat(i.warning().deviceId()).isEqualTo("cellar");
        });
        assertThat(watcher.newIncidents()).isEmpty();
        warnings.add(new LinkWarning(Instant.parse("2026-11-25T20:05:00Z"), "", "The broker no longer had the session"));
        assertThat(watcher.newIncidents()).singleElement().extracting(i -> i.warning().deviceId()).isEqualTo("");
    }
}
