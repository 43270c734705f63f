package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema V3: the reading table's single BIGINT key (ReadingKey), from an empty V2 database and from one with data. */
class MigrationV3Test {
    @TempDir
    Path dir;

    private static String atVersion2(Path base) {
        String url = "jdbc:h2:file:" + base;
        Flyway.configure().dataSource(url, "sa", "").locations(Migrations.LOCATION).target("2").load().migrate();
        return url;
    }

    private static List<String> primaryKeyColumns(Connection c) throws Exception {
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, "PUBLIC", "READING")) {
            while (rs.next()) {
                cols.add(rs.getString("COLUMN_NAME").toLowerCase());
            }
        }
        return cols;
    }

    @Test
    void anEmptyVersion2DatabaseMigrates() throws Exception {
        Path base = dir.resolve("empty");
        atVersion2(base);
        try (LocalStore store = LocalStore.open(base); Connection c = store.readerConnection();
             Statement s = c.createStatement()) {
            assertThat(primaryKeyColumns(c)).containsExactly("k");
            try (ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '3' AND \"success\"")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(store.readings().count()).isZero();
            store.writer().commit(IngestBatch.of(Fixtures.plugSeries("p", T0, 5)));
            assertThat(store.readings().raw("p", Instant.EPOCH, Instant.MAX)).hasSize(5);
        }
    }

    @Test
    void aVersion2DatabaseWithDataKeepsEveryRowAndItsBehaviour() throws Exception {
        Path base = dir.resolve("data");
        String url = atVersion2(base);
        int devices = 3;
        int perDevice = 2000;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int d = 1; d <= devices; d++) {
                    // last seen behind the readings, as after a crash: repaired from the newest reading at open
                    s.execute("INSERT INTO device VALUES (" + d + ", 'plug-" + d + "', 'PLUG', " + T0 + ", " + T0
                            + ", TRUE)");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reading (device, ts, power, voltage, energy) VALUES (?, ?, ?, ?, ?)")) {
                for (int d = 1; d <= devices; d++) {
                    for (int i = 0; i < perDevice; i++) {
                        ps.setInt(1, d);
                        ps.setLong(2, T0 + i * 1000L);
                        ps.setDouble(3, d * 1000 + i);
                        ps.setDouble(4, 230);
                        if (i % 10 == 0) {
                            ps.setDouble(5, i);
                        } else {
                            ps.setNull(5, java.sql.Types.DOUBLE);
                        }
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        long end = T0 + perDevice * 1000L;
        try (LocalStore store = LocalStore.open(base)) {
            ReadingQueries q = store.readings();
            assertThat(q.count()).isEqualTo((long) devices * perDevice);
            for (int d = 1; d <= devices; d++) {
                String id = "plug-" + d;
                List<Reading> raw = q.raw(id, Instant.EPOCH, Instant.MAX);
                assertThat(raw).hasSize(perDevice);
                assertThat(raw.getFirst().epochMillis()).isEqualTo(T0);
                assertThat(raw.getLast().value(Metric.POWER)).isEqualTo(d * 1000.0 + perDevice - 1);
                assertThat(store.devices().find(id)).get().extracting(r -> r.lastSeen())
                        .isEqualTo(Instant.ofEpochMilli(end - 1000));
                assertThat(q.latest(id, Metric.ENERGY)).get().extracting(Reading::epochMillis)
                        .isEqualTo(T0 + (perDevice - 10) * 1000L);
                List<SeriesPoint> s = q.series(id, Metric.POWER, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(end), 100);
                assertThat(s).hasSizeLessThanOrEqualTo(100).first().extracting(SeriesPoint::value).isEqualTo(d * 1000.0);
                assertThat(s).last().extracting(SeriesPoint::value).isEqualTo(d * 1000.0 + perDevice - 1);
                StringWriter csv = new StringWriter();
                assertThat(q.exportCsv(id, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3000), csv)).isEqualTo(3);
            }
            // a redelivery of a migrated reading is a duplicate, the stored values win
            CommitResult again = store.writer().commit(IngestBatch.of(List.of(Fixtures.plug("plug-2", T0, -1))));
            assertThat(again.duplicates()).isEqualTo(1);
            assertThat(q.raw("plug-2", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1)).getFirst()
                    .value(Metric.POWER)).isEqualTo(2000.0);
            try (Connection c = store.readerConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reading WHERE k <> BITOR(LSHIFT(CAST(device"
                         + " AS BIGINT), 43), ts)")) {
                assertThat(primaryKeyColumns(c)).containsExactly("k");
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void aRowTheKeyCannotHoldStopsTheMigrationInsteadOfCorruptingIt() throws Exception {
        Path base = dir.resolve("odd");
        String url = atVersion2(base);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO device VALUES (1, 'p', 'PLUG', 0, 0, FALSE)");
            s.execute("INSERT INTO reading (device, ts, power) VALUES (1, -1000, 1.0)");
        }
        assertThatThrownBy(() -> LocalStore.open(base)).isInstanceOf(StoreException.class);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reading")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1); // still the V2 table, untouched
            assertThat(primaryKeyColumns(c)).containsExactly("device", "ts");
        }
    }
}
