package io.edgedeck.views.fleet;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.views.MutableClock;
import io.edgedeck.views.common.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Initial load against a real in-memory store. */
class FleetInitialLoadTest {
    final Instant now = Instant.now();
    final LocalStore store = LocalStore.inMemory();
    final FleetModel fleet = new FleetModel(new MutableClock(now));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void loadsRegistryAndLatestValues() {
        long t = now.toEpochMilli() - 2000;
        store.writer().commit(IngestBatch.of(List.of(
                new Reading("plug-b", DeviceKind.PLUG, t - 1000, Map.of(Metric.POWER, 50.0, Metric.VOLTAGE, 229.0)),
                new Reading("plug-b", DeviceKind.PLUG, t, Map.of(Metric.POWER, 75.5, Metric.VOLTAGE, 231.0, Metric.RELAY, 0.0)),
                new Reading("sensor-a", DeviceKind.SENSOR, t, Map.of(Metric.TEMPERATURE, 19.5, Metric.HUMIDITY, 55.0)))));
        store.writer().commit(IngestBatch.availability(new Availability("sensor-a", DeviceKind.SENSOR, false, t + 1)));
        var done = new AtomicBoolean();

        fleet.loadInitial(store, Tasks.direct(), () -> done.set(true));

        assertThat(done).isTrue();
        assertThat(fleet.loadErrorProperty().get()).isEmpty();
        assertThat(fleet.devices()).extracting(DeviceModel::id).containsExactly("plug-b", "sensor-a");
        DeviceModel plug = fleet.find("plug-b").orElseThrow();
        assertThat(plug.value(Metric.POWER)).isEqualTo(75.5);
        assertThat(plug.value(Metric.VOLTAGE)).isEqualTo(231.0);
        assertThat(plug.relayOnProperty().get()).isFalse();
        assertThat(plug.firstSeenProperty().get()).isNotNull();
        assertThat(fleet.find("sensor-a").orElseThrow().status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(fleet.find("sensor-a").orElseThrow().value(Metric.TEMPERATURE)).isEqualTo(19.5);
    }

    @Test
    void loadingAgainAfterHistoryWasWrittenBehindTheFeedMovesFirstSeenBackAndKeepsTheDevice() {
        long t = now.toEpochMilli();
        store.writer().commit(IngestBatch.of(List.of(new Reading("p", DeviceKind.PLUG, t, Map.of(Metric.POWER, 9.0)))));
        fleet.loadInitial(store, Tasks.direct(), () -> { });
        DeviceModel p = fleet.find("p").orElseThrow();
        assertThat(p.firstSeenProperty().get()).isEqualTo(Instant.ofEpochMilli(t));

        long monthAgo = t - 30 * 86_400_000L; // the demo fleet's history, written straight to the store
        store.writer().commit(IngestBatch.of(List.of(new Reading("p", DeviceKind.PLUG, monthAgo, Map.of(Metric.POWER, 1.0)))));
        fleet.loadInitial(store, Tasks.direct(), () -> { });

        assertThat(fleet.find("p")).containsSame(p);
        assertThat(p.firstSeenProperty().get()).isEqualTo(Instant.ofEpochMilli(monthAgo));
        assertThat(p.value(Metric.POWER)).as("still the newest value").isEqualTo(9.0);
    }

    @Test
    void liveValuesThatArrivedFirstAreKept() {
        long t = now.toEpochMilli();
        store.writer().commit(IngestBatch.of(List.of(new Reading("p", DeviceKind.PLUG, t - 60_000, Map.of(Metric.POWER, 1.0)))));
        fleet.committed(IngestBatch.of(List.of(new Reading("p", DeviceKind.PLUG, t, Map.of(Metric.POWER, 99.0)))), null);
        fleet.pulse();

        fleet.loadInitial(store, Tasks.direct(), () -> { });

        assertThat(fleet.devices()).hasSize(1);
        assertThat(fleet.find("p").orElseThrow().value(Metric.POWER)).isEqualTo(99.0);
    }

    @Test
    void aFailingStoreIsReportedNotThrown() {
        store.close();
        fleet.loadInitial(store, Tasks.direct(), () -> { });
        assertThat(fleet.loadErrorProperty().get()).startsWith("Could not load devices");
    }
}
