package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHUTDOWN COMPACT after large deletions, on real H2 files and a second real process. */
class StoreCompactionTest {
    @TempDir
    Path dir;

    @Test
    void aFileShrinksAfterRetentionDeletedMostOfItAndKeepsWhatIsLeft() {
        Path file = dir.resolve("edgedeck");
        long kept;
        try (LocalStore store = LocalStore.open(file)) {
            for (int h = 0; h < 24; h++) {
                store.writer().commit(IngestBatch.of(Fixtures.plugSeries("p", T0 + h * 3_600_000L, 3600)));
            }
            store.retention().runOnce(new RetentionPolicy(java.time.Duration.ofHours(2), java.time.Duration.ofDays(30),
                    java.time.Duration.ofDays(365), java.time.Duration.ofDays(1825)), Instant.ofEpochMilli(T0 + 24 * 3_600_000L));
            kept = store.readings().count();
        }
        assertThat(kept).isEqualTo(2 * 3600);

        StoreCompaction.Result r = StoreCompaction.compact(file);

        assertThat(r.bytesAfter()).isLessThan(r.bytesBefore() * 3 / 4); // 86,400 readings → 7,200 and the rollups
        try (LocalStore store = LocalStore.open(file)) {
            assertThat(store.readings().count()).isEqualTo(kept);
        }
    }

    @Test
    void aDatabaseInUseByAnotherProcessIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("busy");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldStoreOpen.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("open ")) {
                // logging before the store is open
            }
            assertThat(line).as("the other process opened the store").isNotNull();
            long size = Files.size(dir.resolve("busy.mv.db"));

            assertThatThrownBy(() -> StoreCompaction.compact(file)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("Cannot compact").hasMessageContaining("in use by another EdgeDeck process");
            assertThat(Files.size(dir.resolve("busy.mv.db"))).isEqualTo(size);
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void aMissingDatabaseIsNotCreated() {
        assertThatThrownBy(() -> StoreCompaction.compact(dir.resolve("typo")))
                .hasMessageContaining("there is no EdgeDeck database there");
        assertThat(dir.resolve("typo.mv.db")).doesNotExist();
    }
}
