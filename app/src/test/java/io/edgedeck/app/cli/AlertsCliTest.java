package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditQuery;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alerts list|add|remove|ack} on a real H2 file with operators whose keys the test generates, and
 * {@code collect} raising an alarm from a simulated plug.
 */
class AlertsCliTest {
    @TempDir
    Path dir;

    private Run run(Object... args) {
        return CliRun.run(CliRun.under(dir), CliPerson.args(args));
    }

    /** An Admin (root), a Technician (ana) and a Viewer (vic) registered in {@code db}. */
    private CliPerson[] operators(String db) throws Exception {
        CliPerson root = CliPerson.create(dir, "root");
        CliPerson ana = CliPerson.create(dir, "ana");
        CliPerson vic = CliPerson.create(dir, "vic");
        assertThat(run("operators", "add", "--db", db, "--name", "root", "--role", "admin", "--public-key", root.pub())
                .exitCode()).isZero();
        assertThat(run("operators", "add", "--db", db, root.as(), "--name", "ana", "--role", "technician",
                "--public-key", ana.pub()).exitCode()).isZero();
        assertThat(run("operators", "add", "--db", db, root.as(), "--name", "vic", "--role", "viewer",
                "--public-key", vic.pub()).exitCode()).isZero();
        return new CliPerson[] {root, ana, vic};
    }

    @Test
    void rulesAreAddedListedAndRemovedAndBadOnesAreRefusedInWords() throws Exception {
        String db = dir.resolve("fleet").toString();
        CliPerson ana = operators(db)[1];
        Run add = run("alerts", "add", "--db", db, ana.as(), "--name", "Over-power", "--kind", "plugs", "--metric", "power",
                "--above", "2000", "--clear", "1800", "--for", "10s");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("Added Over-power: power > 2000 W for 10 s, clears below 1800 W (every plug)\n");
        assertThat(run("alerts", "add", "--db", db, ana.as(), "--name", "Fridge gone", "--device", "fridge-1",
                "--offline", "5min").exitCode()).isZero();

        Run list = run("alerts", "list", "--db", db);
        assertThat(list.out()).isEqualTo("""
                Rules:
                  Fridge gone: offline for longer than 5 min (fridge-1)
                  Over-power: power > 2000 W for 10 s, clears below 1800 W (every plug)
                No active alarms.
                """);

        Run badClear = run("alerts", "add", "--db", db, ana.as(), "--name", "x", "--metric", "power", "--above", "2000",
                "--clear", "2100");
        assertThat(badClear.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badClear.err()).contains("an alarm above 2000 must clear at or below it, not at 2100")
                .doesNotContain("Exception");
        Run badMetric = run("alerts", "add", "--db", db, ana.as(), "--name", "x", "--metric", "watts", "--above", "1");
        assertThat(badMetric.err()).contains("unknown field 'watts'");
        Run duplicate = run("alerts", "add", "--db", db, ana.as(), "--name", "over-POWER", "--offline", "1min");
        assertThat(duplicate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duplicate.err()).contains("there is already a rule named 'Over-power'");

        assertThat(run("alerts", "remove", "--db", db, ana.as(), "--name", "over-power").out())
                .startsWith("Removed Over-power: ");
        Run gone = run("alerts", "remove", "--db", db, ana.as(), "--name", "over-power");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(gone.err()).contains("there is no rule named 'over-power'");
    }

    @Test
    void ruleChangesAndAcknowledgementsNeedAnAdminOrTechnicianWhoProvesItAndRefusalsAreAudited() throws Exception {
        String db = dir.resolve("fleet").toString();
        CliPerson[] people = operators(db);
        CliPerson root = people[0];
        CliPerson ana = people[1];
        CliPerson vic = people[2];

        Run anonymous = run("alerts", "add", "--db", db, "--name", "Over-power", "--metric", "power", "--above", "2000");
        assertThat(anonymous.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(anonymous.err()).contains("name the operator who may edit alert rules with --as NAME --key FILE");
        Run impostor = run("alerts", "add", "--db", db, "--as", "ana", "--key", vic.key(), "--passphrase-file", vic.pass(),
                "--name", "Over-power", "--metric", "power", "--above", "2000");
        assertThat(impostor.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        Run viewer = run("alerts", "add", "--db", db, vic.as(), "--name", "Over-power", "--metric", "power",
                "--above", "2000");
        assertThat(viewer.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(viewer.err()).contains("Viewer 'vic' may not edit alert rules (only Admin and Technician may)")
                .doesNotContain("Exception");
        assertThat(run("alerts", "add", "--db", db, root.as(), "--name", "Over-power", "--device", "kettle",
                "--metric", "power", "--above", "2000").exitCode()).isZero();

        long alarmId;
        try (LocalStore store = LocalStore.open(Path.of(db))) {
            alarmId = store.alerts().raise(store.alerts().findRule("Over-power").orElseThrow(), "kettle",
                    "kettle: power > 2000 W (peak 2400 W)", Instant.parse("2026-11-25T21:03:10Z"), 2400.0).id();
        }
        assertThat(run("alerts", "list", "--db", db).out())
                .contains("  #" + alarmId + "  2026-11-25T21:03:10Z  kettle: power > 2000 W (peak 2400 W) (Over-power) — not acknowledged");
        Run viewerAck = run("alerts", "ack", "--db", db, vic.as(), "--id", alarmId);
        assertThat(viewerAck.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(viewerAck.err()).contains("Viewer 'vic' may not acknowledge alarms");
        Run ack = run("alerts", "ack", "--db", db, ana.as(), "--id", alarmId);
        assertThat(ack.exitCode()).as(ack.err()).isZero();
        assertThat(ack.out()).isEqualTo("Acknowledged #" + alarmId + " kettle (Over-power), raised 2026-11-25T21:03:10Z, by ana\n");
        Run again = run("alerts", "ack", "--db", db, root.as(), "--id", alarmId);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("this alarm was acknowledged already by ana");
        assertThat(run("alerts", "remove", "--db", db, vic.as(), "--name", "Over-power").exitCode())
                .isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(run("alerts", "remove", "--db", db, ana.as(), "--name", "Over-power").exitCode()).isZero();

        try (LocalStore store = LocalStore.open(Path.of(db))) {
            assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALERT_RULE_CHANGED)))
                    .extracting(r -> r.entry().operator() + " " + r.entry().detail().split(":")[0])
                    .containsExactlyInAnyOrder("root added Over-power", "ana removed Over-power");
            assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALERT_RULE_CHANGE_REFUSED)))
                    .extracting(r -> r.entry().operator()).containsExactlyInAnyOrder("vic", "vic");
            assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGE_REFUSED)))
                    .singleElement().satisfies(r -> assertThat(r.entry().operator()).isEqualTo("vic"));
            assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGED)))
                    .singleElement().satisfies(r -> assertThat(r.entry().operator()).isEqualTo("ana"));
            assertThat(store.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void collectEvaluatesTheRulesAndPrintsRaisedAlarms() throws Exception {
        String db = dir.resolve("fleet").toString();
        CliPerson ana = operators(db)[1];
        assertThat(run("alerts", "add", "--db", db, ana.as(), "--name", "Mains present", "--device", "sim-plug-01",
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
