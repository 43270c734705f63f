package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static io.edgedeck.db.Fixtures.plug;
import static io.edgedeck.db.Fixtures.plugSeries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalStoreTest {
    @TempDir
    Path dir;

    @Test
    void migrationsCreateTheSchemaOnAFreshFile() throws Exception {
        Path base = dir.resolve("new/sub/folder/edgedeck");
        try (LocalStore store = LocalStore.open(base); Connection c = store.readerConnection();
             Statement s = c.createStatement()) {
            assertThat(Files.exists(dir.resolve("new/sub/folder/edgedeck.mv.db"))).isTrue();
            assertThat(store.location()).isEqualTo(dir.resolve("new/sub/folder/edgedeck.mv.db").toRealPath().toString());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT LOWER(table_name) FROM information_schema.tables"
                    + " WHERE table_schema = 'PUBLIC' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).containsExactly("alarm", "alert_rule", "audit_entry", "audit_head", "device",
                    "flyway_schema_history", "history_state", "operator", "quarantine", "reading", "rollup_1d",
                    "rollup_1h", "rollup_1m");
            try (ResultSet rs = s.executeQuery("SELECT MAX(\"version\") FROM \"flyway_schema_history\" WHERE \"success\"")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("7");
            }
            assertThat(store.readings().count()).isZero();
        }
    }

    @Test
    void reopeningKeepsTheDataAndAcceptsThePathWithTheH2Ending() {
        Path base = dir.resolve("edgedeck");
        try (LocalStore store = LocalStore.open(base)) {
            store.writer().commit(new IngestBatch(plugSeries("p1", T0, 10), List.of(),
                    List.of(new QuarantinedMessage("t", new byte[] {1, 2}, "bad", T0))));
        }
        try (LocalStore again = LocalStore.open(dir.resolve("edgedeck.mv.db"))) {
            assertThat(again.readings().count()).isEqualTo(10);
            assertThat(again.devices().all()).extracting(DeviceRecord::id).containsExactly("p1");
            assertThat(again.quarantine().count()).isEqualTo(1);
            // the id cache was reloaded: a known device keeps its id, a new one gets a fresh id
            CommitResult r = again.writer().commit(IngestBatch.of(List.of(plug("p1", T0 + 20_000, 1),
                    plug("p2", T0, 2))));
            assertThat(r.readingsStored()).isEqualTo(2);
            assertThat(again.devices().all()).extracting(DeviceRecord::id).containsExactly("p1", "p2");
            assertThat(again.readings().raw("p1", java.time.Instant.EPOCH, java.time.Instant.MAX)).hasSize(11);
        }
    }

    @Test
    void aDatabaseAtSchemaVersion1IsUpgradedOnOpenAndKeepsItsData() throws Exception {
        Path base = dir.resolve("old");
        String url = "jdbc:h2:file:" + base;
        org.flywaydb.core.Flyway.configure().dataSource(url, "sa", "").locations(Migrations.LOCATION).target("1")
                .load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO device VALUES (7, 'old-plug', 'PLUG', 1000, 2000, FALSE)");
            s.execute("INSERT INTO reading (device, ts, power) VALUES (7, 1500, 42.0)");
        }
        try (LocalStore store = LocalStore.open(base)) {
            assertThat(store.readings().latest("old-plug", Metric.POWER)).get()
                    .extracting(r -> r.value(Metric.POWER)).isEqualTo(42.0);
            String longId = "z".repeat(300); // too long for version 1's VARCHAR(200)
            store.writer().commit(IngestBatch.of(List.of(plug(longId, T0, 1))));
            assertThat(store.devices().all()).extracting(DeviceRecord::id).containsExactly("old-plug", longId);
        }
    }

    @Test
    void inMemoryStoresArePrivate() {
        try (LocalStore a = LocalStore.inMemory(); LocalStore b = LocalStore.inMemory()) {
            a.writer().commit(IngestBatch.of(List.of(plug("p", T0, 1))));
            assertThat(a.readings().count()).isEqualTo(1);
            assertThat(b.readings().count()).isZero();
            assertThat(a.location()).isEqualTo("in memory");
        }
    }

    @Test
    void aPathBelowAFileGivesAReadableError() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "I am a file");
        assertThatThrownBy(() -> LocalStore.open(file.resolve("edgedeck")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Cannot open database " + file.resolve("edgedeck.mv.db"))
                .hasMessageContaining("cannot create folder")
                .satisfies(e -> assertReadable(e.getMessage()));
    }

    @Test
    void aReadOnlyFileSystemGivesAReadableError() {
        // /proc is read-only even for root, so this works whoever runs the tests
        assertThatThrownBy(() -> LocalStore.open(Path.of("/proc/edgedeck-test/edgedeck")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Cannot open database /proc/edgedeck-test/edgedeck.mv.db: ")
                .satisfies(e -> assertReadable(e.getMessage()));
    }

    @Test
    void aFolderInsteadOfAFileGivesAReadableError() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        assertThatThrownBy(() -> LocalStore.open(dir.resolve("data")))
                .isInstanceOf(StoreException.class).hasMessageContaining("that is a folder");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 500})
    void aFileThatIsNotADatabaseGivesAReadableError(int lines) throws Exception {
        Files.write(dir.resolve("junk.mv.db"), "not H2\n".repeat(lines).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LocalStore.open(dir.resolve("junk")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("damaged or is not an EdgeDeck database")
                .satisfies(e -> assertReadable(e.getMessage()));
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefused() {
        try (LocalStore first = LocalStore.open(dir.resolve("edgedeck"))) {
            assertThatThrownBy(() -> LocalStore.open(dir.resolve("edgedeck.mv.db")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("already open in this EdgeDeck");
            assertThat(first.readings().count()).isZero(); // the first store is unharmed
        }
        // once closed, the file can be opened again
        try (LocalStore again = LocalStore.open(dir.resolve("edgedeck"))) {
            assertThat(again.isClosed()).isFalse();
        }
    }

    @Test
    void aFileHeldByAnotherProcessGivesAReadableErrorAndWorksAfterItCloses() throws Exception {
        Path base = dir.resolve("shared");
        Process other = child("hold", base.toString());
        try (BufferedReader out = reader(other)) {
            assertThat(out.readLine()).startsWith("OPEN");

            assertThatThrownBy(() -> LocalStore.open(base))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("Cannot open database " + dir.toRealPath().resolve("shared.mv.db")
                            + ": the file is in use by another EdgeDeck process (close the other EdgeDeck window first)");

            other.getOutputStream().close(); // let the other process close its store
            assertThat(out.readLine()).isEqualTo("CLOSED");
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.destroyForcibly();
        }
        try (LocalStore store = LocalStore.open(base)) {
            assertThat(store.readings().count()).isZero();
        }
    }

    @Test
    void aCommitIsDurableWhenTheProcessDiesRightAfterIt() throws Exception {
        Path base = dir.resolve("crash");
        Process p = child("commit-and-crash", base.toString(), "5000");
        try (BufferedReader out = reader(p)) {
            assertThat(out.readLine()).isEqualTo("COMMITTED 5000");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        try (LocalStore store = LocalStore.open(base)) {
            assertThat(store.readings().count()).isEqualTo(5000);
            // the last seen the table had not been given yet is rebuilt from the readings at open
            assertThat(store.devices().find("crash-plug")).contains(new DeviceRecord("crash-plug", DeviceKind.PLUG,
                    Instant.ofEpochMilli(Fixtures.T0), Instant.ofEpochMilli(Fixtures.T0 + 4999 * 1000L), true));
        }
    }

    @Test
    void closeIsIdempotentAndLaterUseFailsReadably() {
        LocalStore store = LocalStore.open(dir.resolve("edgedeck"));
        store.close();
        store.close();
        assertThat(store.isClosed()).isTrue();
        assertThatThrownBy(() -> store.readings().count())
                .isInstanceOf(StoreException.class).hasMessage("The local database is closed");
    }

    static void assertReadable(String message) {
        assertThat(message).doesNotContain("SQLException", "org.h2", "Exception", "[900", "\n");
    }

    private static Process child(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", StoreHolder.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
