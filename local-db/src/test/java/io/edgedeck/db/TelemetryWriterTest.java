package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static io.edgedeck.db.Fixtures.plug;
import static io.edgedeck.db.Fixtures.plugSeries;
import static io.edgedeck.db.Fixtures.sensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryWriterTest {
    @TempDir
    Path dir;
    LocalStore store;

    @BeforeEach
    void open() {
        store = LocalStore.open(dir.resolve("edgedeck"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void commitStoresReadingsAndRegistersDevices() {
        CommitResult r = store.writer().commit(IngestBatch.of(List.of(
                plug("plug-1", T0, 100), plug("plug-1", T0 + 1000, 110), sensor("sensor-1", T0 + 500, 21.5, 48))));

        assertThat(r).isEqualTo(new CommitResult(3, 0, 0));
        assertThat(store.readings().count()).isEqualTo(3);
        assertThat(store.devices().all()).containsExactly(
                new DeviceRecord("plug-1", DeviceKind.PLUG, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1000),
                        true),
                new DeviceRecord("sensor-1", DeviceKind.SENSOR, Instant.ofEpochMilli(T0 + 500),
                        Instant.ofEpochMilli(T0 + 500), true));
        assertThat(store.readings().raw("plug-1", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 2000)))
                .extracting(x -> x.value(Metric.POWER)).containsExactly(100.0, 110.0);
    }

    @Test
    void redeliveredReadingsAreStoredOnceAndCounted() {
        List<Reading> first = plugSeries("plug-1", T0, 100);
        assertThat(store.writer().commit(IngestBatch.of(first))).isEqualTo(new CommitResult(100, 0, 0));

        // after a crash the broker redelivers the last 40 plus 10 new ones
        List<Reading> redelivery = new ArrayList<>(first.subList(60, 100));
        redelivery.addAll(plugSeries("plug-1", T0 + 100_000, 10));
        CommitResult again = store.writer().commit(IngestBatch.of(redelivery));

        assertThat(again).isEqualTo(new CommitResult(10, 40, 0));
        assertThat(store.readings().count()).isEqualTo(110);
    }

    @Test
    void duplicatesInALaterChunkOfALargeCommitAreSkippedWithoutLosingTheOtherRows() {
        List<Reading> all = plugSeries("plug-1", T0, 2500);
        store.writer().commit(IngestBatch.of(all.subList(1500, 1600)));

        // chunk 1 (rows 0-999) goes in plainly; chunk 2 hits stored keys and is redone with the duplicate check
        CommitResult r = store.writer().commit(IngestBatch.of(all));

        assertThat(r).isEqualTo(new CommitResult(2400, 100, 0));
        assertThat(store.readings().count()).isEqualTo(2500);
        assertThat(store.readings().series("plug-1", Metric.POWER, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 2_500_000), 5000)).extracting(SeriesPoint::value)
                .containsExactlyElementsOf(all.stream().map(x -> x.value(Metric.POWER)).toList());
    }

    @Test
    void duplicateWithOtherValuesKeepsTheStoredValues() {
        store.writer().commit(IngestBatch.of(List.of(plug("p", T0, 100))));
        CommitResult r = store.writer().commit(IngestBatch.of(List.of(plug("p", T0, 999))));

        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(store.readings().latest("p", Metric.POWER)).get().extracting(x -> x.value(Metric.POWER))
                .isEqualTo(100.0);
    }

    @Test
    void readingsWithTheSameTimeInOneBatchAreMergedFirstValueWins() {
        Reading telemetry = new Reading("p", DeviceKind.PLUG, T0, Map.of(Metric.POWER, 50.0, Metric.VOLTAGE, 230.0));
        Reading status = new Reading("p", DeviceKind.PLUG, T0, Map.of(Metric.RELAY, 1.0, Metric.POWER, 60.0));

        CommitResult r = store.writer().commit(IngestBatch.of(List.of(telemetry, status)));

        assertThat(r).isEqualTo(new CommitResult(1, 1, 0));
        assertThat(store.readings().raw("p", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1)))
                .singleElement().extracting(Reading::values)
                .isEqualTo(Map.of(Metric.POWER, 50.0, Metric.VOLTAGE, 230.0, Metric.RELAY, 1.0));
    }

    @Test
    void nonFiniteValuesAreStoredAsAbsent() {
        store.writer().commit(IngestBatch.of(List.of(new Reading("p", DeviceKind.PLUG, T0,
                Map.of(Metric.POWER, Double.NaN, Metric.VOLTAGE, 231.0)))));

        assertThat(store.readings().raw("p", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1)))
                .singleElement().extracting(Reading::values).isEqualTo(Map.of(Metric.VOLTAGE, 231.0));
    }

    @Test
    void availabilityTogglesOnlineAndAdvancesLastSeen() {
        store.writer().commit(IngestBatch.of(List.of(plug("p", T0, 1))));
        assertThat(store.devices().find("p")).get().extracting(DeviceRecord::online).isEqualTo(true);

        store.writer().commit(IngestBatch.availability(new Availability("p", DeviceKind.PLUG, false, T0 + 5000)));
        DeviceRecord off = store.devices().find("p").orElseThrow();
        assertThat(off.online()).isFalse();
        assertThat(off.lastSeen()).isEqualTo(Instant.ofEpochMilli(T0 + 5000));

        store.writer().commit(IngestBatch.availability(new Availability("p", DeviceKind.PLUG, true, T0 + 9000)));
        assertThat(store.devices().find("p")).get().extracting(DeviceRecord::online).isEqualTo(true);
    }

    @Test
    void lastWillInTheSameBatchAsReadingsLeavesTheDeviceOffline() {
        store.writer().commit(new IngestBatch(List.of(plug("p", T0, 1)),
                List.of(new Availability("p", DeviceKind.PLUG, false, T0 + 10)), List.of()));

        assertThat(store.devices().find("p")).get().extracting(DeviceRecord::online).isEqualTo(false);
    }

    @Test
    void availabilityOfAnUnknownDeviceRegistersIt() {
        store.writer().commit(IngestBatch.availability(new Availability("new", DeviceKind.GENERIC, false, T0)));

        assertThat(store.devices().find("new")).contains(new DeviceRecord("new", DeviceKind.GENERIC,
                Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0), false));
        assertThat(store.readings().count()).isZero();
    }

    @Test
    void lastSeenNeverGoesBackAndFirstSeenCoversOlderBufferedReadings() {
        store.writer().commit(IngestBatch.of(List.of(sensor("s", T0 + 60_000, 21, 40))));
        // the sensor flushes its ring buffer: older readings arrive later
        store.writer().commit(IngestBatch.of(List.of(sensor("s", T0, 20, 41), sensor("s", T0 + 30_000, 20.5, 42))));

        DeviceRecord s = store.devices().find("s").orElseThrow();
        assertThat(s.firstSeen()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(s.lastSeen()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
    }

    @Test
    void lastSeenIsVisibleAtOnceWhileTheDeviceRowIsWrittenBehind() throws Exception {
        store.writer().commit(IngestBatch.of(List.of(plug("p", T0, 1))));
        store.writer().commit(IngestBatch.of(List.of(plug("p", T0 + 1000, 2))));

        DeviceRecord live = new DeviceRecord("p", DeviceKind.PLUG, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 1000), true);
        assertThat(store.devices().find("p")).contains(live);
        assertThat(store.devices().all()).containsExactly(live);
        assertThat(storedRow("p")).isEqualTo(new StoredRow(T0, T0, true)); // within the flush interval: not rewritten
    }

    @Test
    void aLaterLastSeenIsWrittenOnceTheFlushIntervalHasPassed() throws Exception {
        store.writer().registryFlushMillis(60_000); // long enough that a slow machine cannot cross it by accident
        store.writer().commit(IngestBatch.of(List.of(plug("p", T0, 1))));
        store.writer().commit(IngestBatch.of(List.of(plug("p", T0 + 1000, 2))));
        assertThat(storedRow("p").lastSeen()).isEqualTo(T0);

        store.writer().registryFlushMillis(1);
        Thread.sleep(5);
        store.writer().commit(IngestBatch.of(List.of(plug("p", T0 + 2000, 3))));
        assertThat(storedRow("p")).isEqualTo(new StoredRow(T0, T0 + 2000, true));
    }

    @Test
    void onlineChangesKindChangesAndEarlierFirstSeenAreWrittenAtOnce() throws Exception {
        store.writer().commit(IngestBatch.availability(new Availability("p", DeviceKind.GENERIC, true, T0 + 5000)));
        store.writer().commit(IngestBatch.availability(new Availability("p", DeviceKind.PLUG, false, T0 + 6000)));
        assertThat(storedRow("p")).isEqualTo(new StoredRow(T0 + 5000, T0 + 6000, false));
        assertThat(storedKind("p")).isEqualTo("PLUG");

        store.writer().commit(IngestBatch.of(List.of(plug("p", T0, 1)))); // older buffered reading: online again
        assertThat(storedRow("p")).isEqualTo(new StoredRow(T0, T0 + 6000, true));
    }

    @Test
    void closeWritesTheLastSeenTimesTheTableDoesNotHaveYet() {
        // availability alone (no readings the last seen could be rebuilt from at open)
        store.writer().commit(IngestBatch.availability(new Availability("p", DeviceKind.PLUG, true, T0)));
        store.writer().commit(IngestBatch.availability(new Availability("p", DeviceKind.PLUG, true, T0 + 3000)));
        store.close();

        store = LocalStore.open(dir.resolve("edgedeck"));
        assertThat(store.devices().find("p")).contains(new DeviceRecord("p", DeviceKind.PLUG,
                Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3000), true));
    }

    private record StoredRow(long firstSeen, long lastSeen, boolean online) {
    }

    /** The device row as the table holds it (not the registry's in-memory view). */
    private StoredRow storedRow(String key) throws Exception {
        try (var c = store.readerConnection();
             var ps = c.prepareStatement("SELECT first_seen, last_seen, online FROM device WHERE device_key = ?")) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new StoredRow(rs.getLong(1), rs.getLong(2), rs.getBoolean(3));
            }
        }
    }

    private String storedKind(String key) throws Exception {
        try (var c = store.readerConnection();
             var ps = c.prepareStatement("SELECT kind FROM device WHERE device_key = ?")) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    void genericDeviceTakesTheKindOfALaterSpecificMessage() {
        store.writer().commit(IngestBatch.availability(new Availability("d", DeviceKind.GENERIC, true, T0)));
        store.writer().commit(IngestBatch.of(List.of(plug("d", T0 + 1, 5))));

        assertThat(store.devices().find("d")).get().extracting(DeviceRecord::kind).isEqualTo(DeviceKind.PLUG);
        assertThat(store.readings().latest("d", Metric.POWER)).get().extracting(Reading::kind)
                .isEqualTo(DeviceKind.PLUG);
    }

    @Test
    void quarantineKeepsRawBytesAndReasonNewestFirst() {
        byte[] binary = {0, (byte) 0xff, 0x7b, 0x22, (byte) 0x80};
        CommitResult r = store.writer().commit(new IngestBatch(List.of(), List.of(), List.of(
                new QuarantinedMessage("plug/x/telemetry", binary, "not JSON", T0),
                new QuarantinedMessage("iot/data", "temp=".getBytes(StandardCharsets.UTF_8), "no value", T0 + 1))));

        assertThat(r).isEqualTo(new CommitResult(0, 0, 2));
        assertThat(store.quarantine().count()).isEqualTo(2);
        List<QuarantinedMessage> recent = store.quarantine().recent(10);
        assertThat(recent).extracting(QuarantinedMessage::topic).containsExactly("iot/data", "plug/x/telemetry");
        assertThat(recent.get(1).payload()).containsExactly(binary);
        assertThat(recent.get(1).reason()).isEqualTo("not JSON");
        assertThat(recent.get(1).receivedMillis()).isEqualTo(T0);
        assertThat(store.quarantine().recent(1)).extracting(QuarantinedMessage::topic).containsExactly("iot/data");
    }

    @Test
    void hugeMessagesAndLongNamesDoNotBreakTheCommit() {
        String longId = "plug-" + "x".repeat(5000);
        byte[] huge = new byte[QuarantineLog.MAX_PAYLOAD + 10];
        huge[0] = 42;
        CommitResult r = store.writer().commit(new IngestBatch(List.of(plug(longId, T0, 1)), List.of(),
                List.of(new QuarantinedMessage("t/" + "y".repeat(70_000), huge, "too big", T0))));

        assertThat(r).isEqualTo(new CommitResult(1, 0, 1));
        assertThat(store.devices().find(longId)).isPresent();
        QuarantinedMessage q = store.quarantine().recent(1).getFirst();
        assertThat(q.payload()).hasSize(QuarantineLog.MAX_PAYLOAD).startsWith((byte) 42);
        assertThat(q.reason()).startsWith("too big").contains("cut");
        assertThat(q.topic()).hasSize(70_002);
    }

    @Test
    void concurrentCommitsAreSerialisedAndAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CommitResult>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String device = "plug-" + (t % 4); // two threads per device, overlapping times
                results.add(pool.submit(() -> store.writer().commit(IngestBatch.of(plugSeries(device, T0, 500)))));
            }
            int stored = 0;
            int duplicates = 0;
            for (Future<CommitResult> f : results) {
                stored += f.get().readingsStored();
                duplicates += f.get().duplicates();
            }
            assertThat(stored).isEqualTo(4 * 500);
            assertThat(duplicates).isEqualTo(4 * 500);
            assertThat(store.readings().count()).isEqualTo(2000);
            assertThat(store.devices().all()).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyBatchDoesNothing() {
        assertThat(store.writer().commit(IngestBatch.EMPTY)).isEqualTo(new CommitResult(0, 0, 0));
        assertThat(store.devices().all()).isEmpty();
    }

    @Test
    void commitAfterCloseFailsReadably() {
        store.close();
        assertThatThrownBy(() -> store.writer().commit(IngestBatch.of(List.of(plug("p", T0, 1)))))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }
}
