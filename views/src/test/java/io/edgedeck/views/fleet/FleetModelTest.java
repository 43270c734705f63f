package io.edgedeck.views.fleet;

import io.edgedeck.db.Availability;
import io.edgedeck.db.CommitResult;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.services.presence.Presence;
import io.edgedeck.views.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FleetModelTest {
    static final Instant T0 = Instant.parse("2025-11-25T10:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final FleetModel fleet = new FleetModel(clock);
    final CommitResult ok = new CommitResult(1, 0, 0);

    static Reading plug(String id, long at, double power) {
        return new Reading(id, DeviceKind.PLUG, at, Map.of(Metric.POWER, power, Metric.VOLTAGE, 230.0,
                Metric.CURRENT, power / 230.0, Metric.RELAY, 1.0));
    }

    @Test
    void nothingReachesTheModelBeforeThePulse() {
        fleet.committed(IngestBatch.of(List.of(plug("p1", T0.toEpochMilli(), 10))), ok);
        assertThat(fleet.devices()).isEmpty();
        assertThat(fleet.pendingCount()).isEqualTo(1);

        assertThat(fleet.pulse()).isTrue();
        assertThat(fleet.devices()).extracting(DeviceModel::id).containsExactly("p1");
        assertThat(fleet.pendingCount()).isZero();
    }

    @Test
    void manyCommitsBetweenPulsesCoalesceToTheLatestValue() {
        var changes = new ArrayList<Number>();
        fleet.committed(IngestBatch.of(List.of(plug("p1", T0.toEpochMilli(), 1))), ok);
        fleet.pulse();
        DeviceModel p1 = fleet.find("p1").orElseThrow();
        p1.valueProperty(Metric.POWER).addListener((o, a, b) -> changes.add(b));

        for (int i = 1; i <= 500; i++) {
            fleet.committed(IngestBatch.of(List.of(plug("p1", T0.toEpochMilli() + i * 1000L, 100 + i))), ok);
        }
        assertThat(fleet.pendingCount()).isEqualTo(1);
        fleet.pulse();

        assertThat(p1.value(Metric.POWER)).isEqualTo(600.0);
        assertThat(changes).containsExactly(600.0); // one update for 500 messages
        assertThat(p1.mainTextProperty().get()).isEqualTo("600.0 W");
        assertThat(p1.detailTextProperty().get()).isEqualTo("230.0 V · 2.61 A");
    }

    @Test
    void anOlderReadingArrivingLateDoesNotReplaceANewerOne() {
        long t = T0.toEpochMilli();
        fleet.committed(IngestBatch.of(List.of(plug("p1", t + 5000, 50))), ok);
        fleet.committed(IngestBatch.of(List.of(plug("p1", t, 10))), ok); // a sensor-style late batch
        fleet.pulse();
        assertThat(fleet.find("p1").orElseThrow().value(Metric.POWER)).isEqualTo(50.0);

        fleet.committed(IngestBatch.of(List.of(plug("p1", t + 1000, 20))), ok);
        fleet.pulse();
        assertThat(fleet.find("p1").orElseThrow().value(Metric.POWER)).isEqualTo(50.0);
    }

    @Test
    void historyWrittenBehindTheLiveReadingsMovesFirstSeenBack() {
        long t = T0.toEpochMilli();
        fleet.committed(IngestBatch.of(List.of(plug("p1", t, 50))), ok);
        fleet.pulse();
        DeviceModel p1 = fleet.find("p1").orElseThrow();
        Instant live = p1.firstSeenProperty().get();

        long monthAgo = t - 30 * 86_400_000L;
        fleet.committed(IngestBatch.of(List.of(plug("p1", monthAgo + 600_000, 5), plug("p1", monthAgo, 4))), ok);
        fleet.pulse();
        assertThat(p1.firstSeenProperty().get()).isEqualTo(Instant.ofEpochMilli(monthAgo)).isBefore(live);
        assertThat(p1.value(Metric.POWER)).as("the live value stays").isEqualTo(50.0);
    }

    @Test
    void silenceMakesADeviceStaleAndLastWillMakesItOffline() {
        fleet.committed(IngestBatch.of(List.of(plug("p1", T0.toEpochMilli(), 10))), ok);
        fleet.pulse();
        DeviceModel p1 = fleet.find("p1").orElseThrow();
        assertThat(p1.status()).isEqualTo(DeviceStatus.ONLINE);
        assertThat(p1.statusTextProperty().get()).isEqualTo("relay ON · just now");

        clock.advance(Duration.ofSeconds(3));
        fleet.pulse();
        assertThat(p1.lastSeenTextProperty().get()).isEqualTo("3 s ago");
        assertThat(p1.status()).isEqualTo(DeviceStatus.ONLINE);

        clock.advance(Duration.ofSeconds(8));
        fleet.pulse();
        assertThat(p1.status()).isEqualTo(DeviceStatus.STALE);
        assertThat(p1.statusTextProperty().get()).isEqualTo("stale · silent 11 s");

        fleet.committed(IngestBatch.availability(new Availability("p1", DeviceKind.PLUG, false, clock.millis())), ok);
        fleet.pulse();
        assertThat(p1.status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(p1.statusTextProperty().get()).isEqualTo("offline (announced) · just now");
        assertThat(p1.offlineReasonProperty().get()).isEqualTo(Presence.Reason.ANNOUNCED);
        clock.advance(Duration.ofSeconds(4)); // the shared pulse keeps the relative time going
        fleet.pulse();
        assertThat(p1.presenceTextProperty().get())
                .isEqualTo("offline: announced (Last Will or availability topic) · last heard 4 s ago");
    }

    private void at(long millis) {
        clock.advance(Duration.ofMillis(millis - clock.millis()));
    }

    @Test
    void silenceOfManyIntervalsMakesADeviceOfflineWithoutALastWill() {
        long t = T0.toEpochMilli();
        for (int i = 0; i < 5; i++) {
            at(t + i * 1000L);
            fleet.committed(IngestBatch.of(List.of(plug("fast", clock.millis(), 10))), ok);
            fleet.pulse();
        }
        DeviceModel fast = fleet.find("fast").orElseThrow();
        assertThat(fast.intervalMillis()).isEqualTo(1000.0);
        at(t + 4_000 + 59_000);
        fleet.pulse();
        assertThat(fast.status()).as("59 s silent: not yet (at least 60 s)").isEqualTo(DeviceStatus.STALE);
        at(t + 4_000 + 61_000);
        fleet.pulse();
        assertThat(fast.status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(fast.statusTextProperty().get()).isEqualTo("offline · silent 1 min");
        assertThat(fast.offlineReasonProperty().get()).isEqualTo(Presence.Reason.SILENT);
        assertThat(fast.presenceTextProperty().get()).isEqualTo("offline: silent for 1 min, usually every 1 s");
        fleet.committed(IngestBatch.of(List.of(plug("fast", clock.millis(), 12))), ok);
        fleet.pulse();
        assertThat(fast.status()).as("heard again").isEqualTo(DeviceStatus.ONLINE);
        assertThat(fast.intervalMillis()).as("the silence did not teach the interval").isEqualTo(1000.0);

        long s0 = clock.millis();
        for (int i = 0; i < 5; i++) {
            at(s0 + i * 60_000L);
            fleet.committed(IngestBatch.of(List.of(plug("slow", clock.millis(), 10))), ok);
            fleet.pulse();
        }
        DeviceModel slow = fleet.find("slow").orElseThrow();
        assertThat(slow.intervalMillis()).isEqualTo(60_000.0);
        at(s0 + 240_000 + 150_000);
        fleet.pulse();
        assertThat(slow.status()).as("2.5 intervals of a once-a-minute sensor: late, not stale").isEqualTo(DeviceStatus.ONLINE);
        at(s0 + 240_000 + 200_000);
        fleet.pulse();
        assertThat(slow.status()).isEqualTo(DeviceStatus.STALE);
        at(s0 + 240_000 + 601_000);
        fleet.pulse();
        assertThat(slow.status()).isEqualTo(DeviceStatus.OFFLINE);
    }

    @Test
    void sensorsLeadWithTemperatureAndShowHumidity() {
        fleet.committed(IngestBatch.of(List.of(new Reading("s1", DeviceKind.SENSOR, T0.toEpochMilli(),
                Map.of(Metric.TEMPERATURE, 21.44, Metric.HUMIDITY, 48.0)))), ok);
        fleet.pulse();
        DeviceModel s1 = fleet.find("s1").orElseThrow();
        assertThat(s1.mainValueProperty().get()).isEqualTo(21.44);
        assertThat(s1.mainUnitProperty().get()).isEqualTo("°C");
        assertThat(s1.detailTextProperty().get()).isEqualTo("humidity 48 %RH");
        assertThat(s1.relayOnProperty().get()).isNull();
        assertThat(s1.statusTextProperty().get()).isEqualTo("online · just now");
    }

    @Test
    void afterCloseCommitsAreIgnored() {
        fleet.close();
        fleet.committed(IngestBatch.of(List.of(plug("p1", T0.toEpochMilli(), 10))), ok);
        fleet.pulse();
        assertThat(fleet.devices()).isEmpty();
    }
}
