package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a script would use it: real embedded broker, real simulator, real H2 file. */
class CliEndToEndTest {
    @RegisterExtension
    static final BrokerPerClass BROKER = new BrokerPerClass();

    @TempDir
    Path dir;


    private Run run(String... args) {
        return CliRun.run(CliRun.under(dir), args);
    }

    @Test
    void simulateCollectAndExportRoundTrip() throws Exception {
        Path db = dir.resolve("fleet");
        String uri = BROKER.get().uri().toString();
        CompletableFuture<Run> collect = CompletableFuture.supplyAsync(() -> run("collect", "--broker", uri,
                "--db", db.toString(), "--duration", "9", "--progress-interval", "1", "--client-id", "cli-test"));
        Thread.sleep(2_000);
        Run sim = run("simulate", "--broker", uri, "--plugs", "3", "--sensors", "1", "--duration", "5",
                "--progress-interval", "1");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("Simulating 3 plugs and 1 sensors").contains("Done: published");

        Run collected = collect.get();
        assertThat(collected.exitCode()).as(collected.err()).isZero();
        assertThat(collected.out()).contains("messages ").contains("msg/s").contains("Done after");

        try (LocalStore store = LocalStore.open(db)) {
            assertThat(store.devices().all()).extracting(d -> d.id())
                    .contains("sim-plug-01", "sim-plug-02", "sim-plug-03");
            assertThat(store.readings().latest("sim-plug-01", Metric.POWER)).isPresent();
        }

        Path csv = dir.resolve("plug.csv");
        Run export = run("export", "--db", db.toString(), "--device", "sim-plug-01", "--from", "2000-01-01",
                "--to", "now", "--format", "csv", "--out", csv.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("time,device,voltage,current,power");
        assertThat(lines).hasSizeGreaterThan(3);
        assertThat(lines.get(1)).contains(",sim-plug-01,");
        assertThat(export.err()).contains("exported");

        for (String res : List.of("1m", "1h", "1d")) {
            Path rolled = dir.resolve("plug-" + res + ".csv");
            Run r = run("export", "--db", db.toString(), "--device", "sim-plug-01", "--from", "2000-01-01",
                    "--to", "now", "--resolution", res, "--out", rolled.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> rows = Files.readAllLines(rolled);
            assertThat(rows.getFirst()).startsWith("time,device,resolution,readings,voltage_min,voltage_max,voltage_mean,"
                    + "voltage_count");
            assertThat(rows).hasSizeGreaterThan(1);
            assertThat(rows.get(1)).contains(",sim-plug-01," + res + ",");
            assertThat(r.err()).contains("exported").contains(res + " bucket");
        }
        Run badRes = run("export", "--db", db.toString(), "--device", "sim-plug-01", "--from", "2000-01-01",
                "--to", "now", "--resolution", "5m");
        assertThat(badRes.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRes.err()).contains("unknown resolution '5m' (supported: raw, 1m, 1h, 1d)")
                .doesNotContain("Exception");
    }

    @Test
    void unreachableBrokerExitsWithCode3AndAReadableMessage() {
        Run r = run("collect", "--broker", "tcp://127.0.0.1:1", "--db", dir.resolve("x").toString(),
                "--connect-timeout", "3");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(r.err()).contains("edgedeck:").contains("127.0.0.1").doesNotContain("Exception");
    }

    @Test
    void unwritableDatabaseExitsWithCode4() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        Run r = run("collect", "--broker", BROKER.get().uri().toString(), "--db", file.resolve("sub/db").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(r.err()).contains("edgedeck: Cannot open database")
                .contains("a-file is a file, not a folder").doesNotContain("Exception");
    }

    @Test
    void badInputExitsWithCode2() {
        Run badDate = run("export", "--db", dir.resolve("none").toString(), "--device", "x", "--from", "yesterday",
                "--to", "now");
        assertThat(badDate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDate.err()).contains("'yesterday' is not an ISO-8601 date");

        Run noDb = run("export", "--db", dir.resolve("none").toString(), "--device", "x", "--from", "2026-01-01",
                "--to", "now");
        assertThat(noDb.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDb.err()).contains("no EdgeDeck database");

        Run missingOption = run("collect", "--db", "x");
        assertThat(missingOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingOption.err()).contains("--broker");
    }

    @Test
    void badRetentionExitsWithCode2AndSaysWhatIsExpected() {
        Run r = run("collect", "--broker", BROKER.get().uri().toString(), "--db", dir.resolve("r").toString(),
                "--retention", "raw=7d,1m=forever");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'forever' of 1m is not a number with h, d, w or y").doesNotContain("Exception");
    }

    @Test
    void compactShrinksAFileAndRefusesAMissingOne() throws Exception {
        Path db = dir.resolve("c");
        try (io.edgedeck.db.LocalStore store = io.edgedeck.db.LocalStore.open(db)) {
            store.writer().commit(io.edgedeck.db.IngestBatch.of(java.util.stream.IntStream.range(0, 20_000)
                    .mapToObj(i -> new io.edgedeck.db.Reading("p", io.edgedeck.db.DeviceKind.PLUG,
                            1_732_550_400_000L + i * 1000L, java.util.Map.of(io.edgedeck.db.Metric.POWER, (double) i)))
                    .toList()));
        }
        Run ok = run("compact", "--db", db.toString());
        assertThat(ok.exitCode()).as(ok.err()).isEqualTo(ExitCodes.OK);
        assertThat(ok.out()).contains("Compacted").contains("MB →");
        Run missing = run("compact", "--db", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(missing.err()).contains("there is no EdgeDeck database there").doesNotContain("Exception");
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("simulate").contains("collect").contains("export");
    }
}
