package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code devices}: last heard and why offline, from a real H2 file. */
class DevicesCliTest {
    @TempDir
    Path dir;

    private static List<Reading> everySecond(String id, long last, int count) {
        var out = new ArrayList<Reading>();
        for (int i = count - 1; i >= 0; i--) {
            out.add(new Reading(id, DeviceKind.PLUG, last - i * 1000L, Map.of(Metric.POWER, 50.0)));
        }
        return out;
    }

    @Test
    void eachDeviceSaysWhenItWasLastHeardAndWhyItIsOffline() {
        Path db = dir.resolve("fleet");
        long now = System.currentTimeMillis();
        try (LocalStore store = LocalStore.open(db)) {
            store.writer().commit(IngestBatch.of(everySecond("fridge", now - 300_000, 10)));  // silent 5 min
            store.writer().commit(IngestBatch.of(everySecond("tv", now - 20_000, 5)));
            store.writer().commit(IngestBatch.availability(new Availability("tv", DeviceKind.PLUG, false, now - 19_000)));
            store.writer().commit(IngestBatch.of(everySecond("kettle", now, 5)));
        }
        Run r = CliRun.run(CliRun.under(dir), "devices", "--db", db.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("DEVICE").contains("LAST HEARD");
        assertThat(lines.get(1)).startsWith("fridge").contains(" offline ")
                .endsWith("offline: silent for 5 min, usually every 1 s");
        assertThat(lines.get(2)).startsWith("kettle").contains(" online ").containsPattern("online · last heard (just now|\\d s ago)$");
        assertThat(lines.get(3)).startsWith("tv").contains(" offline ")
                .contains("offline: announced (Last Will or availability topic) · last heard ");
        assertThat(lines).hasSize(4);

        Run none = CliRun.run(CliRun.under(dir), "devices", "--db", dir.resolve("missing").toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("there is no EdgeDeck database at");
    }
}
