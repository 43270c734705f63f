package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alerts list|add|remove} on a real H2 file, and {@code collect} raising an alarm from a simulated plug. */
class AlertsCliTest {
    @TempDir
    Path dir;


    private Run run(String... args) {
        return CliRun.run(CliRun.under(dir), args);
    }

    @Test
    void rulesAreAddedListedAndRemovedAndBadOnesAreRefusedInWords() {
        String db = dir.resolve("fleet").toString();
        LocalStore.open(Path.of(db)).close();
        Run add = run("alerts", "add", "--db", db, "--name", "Over-power", "--kind", "plugs", "--metric", "power",
                "--above", "2000", "--clear", "1800", "--for", "10s");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("Added Over-power: power > 2000 W for 10 s, clears below 1800 W (every plug)\n");
        assertThat(run("alerts", "add", "--db", db, "--name", "Fridge gone", "--device", "fridge-1", "--offline", "5min")
                .exitCode()).isZero();

        Run list = run("alerts", "list", "--db", db);
        assertThat(list.out()).isEqualTo("""
                Rules:
                  Fridge gone: offline for longer than 5 min (fridge-1)
                  Over-power: power > 2000 W for 10 s, clears below 1800 W (every plug)
                No active alarms.
                """);

        Run badClear = run("alerts", "add", "--db", db, "--name", "x", "--metric", "power", "--above", "2000",
                "--clear", "2100");
        assertThat(badClear.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badClear.err()).contains("an alarm above 2000 must clear at or below it, not at 2100")
                .doesNotContain("Exception");
        Run badMetric = run("alerts", "add", "--db", db, "--name", "x", "--metric", "watts", "--above", "1");
        assertThat(badMetric.err()).contains("unknown field 'watts'");
        Run duplicate = run("alerts", "add", "--db", db, "--name", "over-POWER", "--offline", "1min");
        assertThat(duplicate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duplicate.err()).contains("there is already a rule named 'Over-power'");

        assertThat(run("alerts", "remove", "--db", db, "--name", "over-power").out())
                .startsWith("Removed Over-power: ");
        Run gone = run("alerts", "remove", "--db", db, "--name", "over-power");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(gone.err()).contains("there is no rule named 'over-power'");
    }

    @Test
    void collectEvaluatesTheRulesAndPrintsRaisedAlarms() throws Exception {
        String db = dir.resolve("fleet").toString();
        LocalStore.open(Path.of(db)).close();
        assertThat(run("alerts", "add", "--db", db, "--name", "Mains present", "--device", "sim-plug-01",
                "--metric", "voltage", "--above", "100").exitCode()).isZero();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            String uri = broker.uri().toString();
            CompletableFuture<Run> collect = CompletableFuture.supplyAsync(() -> run("collect", "--broker", uri,
                    "--db", db, "--duration", "8", "--progress-interval", "5", "--client-id", "alerts-test"));
            Thread.sleep(2_000);
            Run sim = run("simulate", "--broker", uri, "--plugs", "2", "--sensors", "0", "--duration", "4");
            assertThat(sim.exitCode()).as(sim.err()).isZero();
            Run collected = collect.get();
            assertThat(collected.exitCode()).as(collected.err()).isZero();
            assertThat(collected.out()).containsPattern("ALARM raised  \\S+  sim-plug-01: voltage > 100 V \\(peak \\d+(\\.\\d+)? V\\) \\(Mains present\\)")
                    .doesNotContain("sim-plug-02:");
        }
        assertThat(run("alerts", "list", "--db", db).out()).contains("Active alarms:")
                .contains("sim-plug-01: voltage").contains("not acknowledged");
    }
}
