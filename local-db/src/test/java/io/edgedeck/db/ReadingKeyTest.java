package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ReadingKeyTest {
    @Test
    void theLayoutIsDocumentedAndRoundTrips() {
        assertThat(ReadingKey.MAX_DEVICE).isEqualTo(1_048_575);
        assertThat(Instant.ofEpochMilli(ReadingKey.MAX_TIME)).isEqualTo(Instant.parse("2248-09-26T15:10:22.207Z"));
        assertThat(ReadingKey.of(1, T0)).isEqualTo((1L << 43) + T0);
        for (int device : new int[] {0, 1, 7, 1000, ReadingKey.MAX_DEVICE}) {
            for (long ts : new long[] {0, 1, T0, ReadingKey.MAX_TIME - 1, ReadingKey.MAX_TIME}) {
                long k = ReadingKey.of(device, ts);
                assertThat(k).isNotNegative();
                assertThat(ReadingKey.device(k)).isEqualTo(device);
                assertThat(ReadingKey.time(k)).isEqualTo(ts);
            }
        }
        assertThat(ReadingKey.of(ReadingKey.MAX_DEVICE, ReadingKey.MAX_TIME)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void valuesTheKeyCannotHoldAreRejected() {
        assertThatThrownBy(() -> ReadingKey.of(ReadingKey.MAX_DEVICE + 1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadingKey.of(-1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadingKey.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadingKey.of(1, ReadingKey.MAX_TIME + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReadingKey.storable(0)).isTrue();
        assertThat(ReadingKey.storable(-1)).isFalse();
    }

    @Test
    void keysOrderLikeDeviceThenTime() {
        Random random = new Random(42);
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            pairs.add(new long[] {random.nextInt(ReadingKey.MAX_DEVICE + 1),
                    random.nextBoolean() ? T0 + random.nextInt(1_000_000) : (random.nextLong() & ReadingKey.MAX_TIME)});
        }
        pairs.add(new long[] {0, 0});
        pairs.add(new long[] {ReadingKey.MAX_DEVICE, ReadingKey.MAX_TIME});
        for (long[] a : pairs) {
            long[] b = pairs.get(random.nextInt(pairs.size()));
            int byPair = a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);
            assertThat(Integer.signum(Long.compare(ReadingKey.of((int) a[0], a[1]), ReadingKey.of((int) b[0], b[1]))))
                    .isEqualTo(Integer.signum(byPair));
        }
    }

    @Test
    void aDevicesRangeNeverTouchesItsNeighbours() {
        for (int d : new int[] {0, 1, 2, 500, ReadingKey.MAX_DEVICE - 1}) {
            long first = ReadingKey.lower(d, Long.MIN_VALUE);
            long end = ReadingKey.lower(d, Long.MAX_VALUE);
            assertThat(first).isEqualTo(ReadingKey.of(d, 0));
            assertThat(end - 1).isEqualTo(ReadingKey.of(d, ReadingKey.MAX_TIME));
            assertThat(end).isEqualTo(ReadingKey.of(d + 1, 0));
            // the previous device's newest possible key is below, the next device's oldest is not inside
            if (d > 0) {
                assertThat(ReadingKey.of(d - 1, ReadingKey.MAX_TIME)).isLessThan(first);
            }
            assertThat(ReadingKey.of(d + 1, 0)).isGreaterThanOrEqualTo(end);
            // [from, to) maps to [lower(from), lower(to)), also for bounds outside the storable times
            assertThat(ReadingKey.lower(d, T0)).isEqualTo(ReadingKey.of(d, T0));
            assertThat(ReadingKey.lower(d, -5)).isEqualTo(first);
            assertThat(ReadingKey.lower(d, ReadingKey.MAX_TIME + 1)).isEqualTo(end);
        }
        int last = ReadingKey.MAX_DEVICE;
        assertThat(ReadingKey.lower(last, Long.MAX_VALUE) - 1).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theWriterRefusesABatchWithATimeTheKeyCannotHold() {
        try (LocalStore store = LocalStore.inMemory()) {
            for (long bad : new long[] {-1, ReadingKey.MAX_TIME + 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
                assertThatThrownBy(() -> store.writer().commit(IngestBatch.of(List.of(Fixtures.plug("ok", T0, 1),
                        Fixtures.plug("odd", bad, 2))))).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("outside what the store can hold");
            }
            assertThat(store.readings().count()).isZero();
            assertThat(store.devices().count()).isZero();
            CommitResult edges = store.writer().commit(IngestBatch.of(List.of(Fixtures.plug("a", 0, 1),
                    Fixtures.plug("a", ReadingKey.MAX_TIME, 2), Fixtures.plug("b", 0, 3))));
            assertThat(edges.readingsStored()).isEqualTo(3);
            assertThat(store.readings().raw("a", Instant.MIN, Instant.MAX)).extracting(Reading::epochMillis)
                    .containsExactly(0L, ReadingKey.MAX_TIME);
            assertThat(store.readings().raw("b", Instant.MIN, Instant.MAX)).extracting(Reading::epochMillis)
                    .containsExactly(0L);
            assertThat(store.readings().latest("a", Metric.POWER)).get().extracting(Reading::epochMillis)
                    .isEqualTo(ReadingKey.MAX_TIME);
        }
    }
}
