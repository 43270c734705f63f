package io.edgedeck.views.alarms;

import io.edgedeck.db.Alarm;
import io.edgedeck.db.AlertRule;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.CommitResult;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.db.Role;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import io.edgedeck.services.alerts.AlarmAcknowledger;
import io.edgedeck.services.alerts.AlertEngine;
import io.edgedeck.services.alerts.AlertRules;
import io.edgedeck.services.alerts.ConsoleAlerts;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alarms screen's logic without a window: badge count, acknowledgement by role, the rule editor's messages. */
class AlarmsViewModelTest {
    @TempDir
    Path dir;
    LocalStore store;
    AlertEngine engine;
    OperatorSession session;
    SignedIn root;
    final SimpleObjectProperty<SignedIn> signedIn = new SimpleObjectProperty<>();
    final List<List<Alarm>> notified = new ArrayList<>();
    AlarmsViewModel vm;
    long t = 1_764_000_000_000L;

    @BeforeEach
    void open() {
        store = LocalStore.open(dir.resolve("vm"));
        engine = new AlertEngine(store.alerts(), Clock.systemUTC(), Runnable::run);
        session = new OperatorSession(store.operators(), store.audit(), KeyRing.inDataFolder(dir));
        root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.createOperator(root, "vic", Role.VIEWER, "vic-passphrase".toCharArray());
        var alerts = new ConsoleAlerts(engine, new AlertRules(store.alerts(), store.operators(), engine),
                new AlarmAcknowledger(store.alerts(), store.operators(), engine), store.alerts());
        vm = new AlarmsViewModel(alerts, Tasks.direct(), signedIn, notified::add);
        engine.start(List.of());
    }

    @AfterEach
    void close() {
        store.close();
    }

    void power(String device, double watts) {
        t += 1000;
        engine.committed(IngestBatch.of(List.of(new Reading(device, DeviceKind.PLUG, t, Map.of(Metric.POWER, watts)))),
                new CommitResult(1, 0, 0));
    }

    void typeRule(String name, String threshold, String clear, String duration) {
        vm.newRule();
        vm.form().nameProperty().set(name);
        vm.form().kindProperty().set(DeviceKind.PLUG);
        vm.form().metricProperty().set(Metric.POWER);
        vm.form().directionProperty().set(AlertRule.Direction.ABOVE);
        vm.form().thresholdProperty().set(threshold);
        vm.form().clearThresholdProperty().set(clear);
        vm.form().durationProperty().set(duration);
    }

    @Test
    void alarmsRaisedTogetherAreNotifiedInOneBurst() {
        var fxQueue = new java.util.ArrayDeque<Runnable>();
        var alerts = new ConsoleAlerts(engine, new AlertRules(store.alerts(), store.operators(), engine),
                new AlarmAcknowledger(store.alerts(), store.operators(), engine), store.alerts());
        List<List<Alarm>> bursts = new ArrayList<>();
        new AlarmsViewModel(alerts, new Tasks(Runnable::run, fxQueue::add), signedIn, bursts::add);
        store.alerts().addRule(AlertRule.threshold("Over-power", null, DeviceKind.PLUG, Metric.POWER,
                AlertRule.Direction.ABOVE, 2000, 1800, java.time.Duration.ZERO));
        engine.reloadRules();
        for (int i = 0; i < 12; i++) {
            power("plug-" + i, 2500);
        }
        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
        }
        assertThat(bursts).singleElement().asList().hasSize(12);
    }

    @Test
    void theRuleEditorSaysWhatIsWrongAndNeedsATechnicianOrAdmin() {
        typeRule("Over-power", "2000", "1800", "");
        vm.saveRule();
        assertThat(vm.ruleErrorProperty().get()).isEqualTo("Sign in to edit alert rules.");
        signedIn.set(session.signIn("vic", "vic-passphrase".toCharArray()));
        vm.saveRule();
        assertThat(vm.ruleErrorProperty().get()).isEqualTo("Viewer 'vic' may not edit alert rules (only Admin and Technician may).");

        signedIn.set(root);
        typeRule("Over-power", "2 kW", "1800", "");
        vm.saveRule();
        assertThat(vm.ruleErrorProperty().get()).isEqualTo("The threshold '2 kW' is not a number.");
        typeRule("Over-power", "2000", "2100", "");
        vm.saveRule();
        assertThat(vm.ruleErrorProperty().get()).isEqualTo("An alarm above 2000 must clear at or below it, not at 2100.");
        typeRule("Over-power", "2000", "1800", "a while");
        vm.saveRule();
        assertThat(vm.ruleErrorProperty().get()).startsWith("'a while' is not a duration");
        typeRule("Over-power", "2000", "1800", "10s");
        vm.saveRule();
        assertThat(vm.ruleErrorProperty().get()).isEmpty();
        assertThat(vm.rules()).extracting(AlertRule::describe)
                .containsExactly("Over-power: power > 2000 W for 10 s, clears below 1800 W (every plug)");
        typeRule("over-power", "100", "", "");
        vm.saveRule();
        assertThat(vm.ruleErrorProperty().get()).isEqualTo("There is already a rule named 'Over-power'.");

        vm.selectedRuleProperty().set(vm.rules().getFirst());
        assertThat(vm.form().thresholdProperty().get()).isEqualTo("2000");
        vm.form().thresholdProperty().set("2500");
        vm.saveRule();
        assertThat(vm.rules()).singleElement().extracting(AlertRule::threshold).isEqualTo(2500.0);
        vm.deleteRule();
        assertThat(vm.rules()).isEmpty();
    }

    @Test
    void aRaisedAlarmIsCountedNotifiedAndAcknowledgedOnceByAnAdminButNotByAViewer() {
        signedIn.set(root);
        typeRule("Over-power", "2000", "1800", "");
        vm.saveRule();
        assertThat(vm.tabTitleProperty().get()).isEqualTo("Alarms");
        power("kettle", 2400);
        power("heater", 2600);
        assertThat(notified).flatExtracting(burst -> burst.stream().map(Alarm::deviceId).toList())
                .containsExactly("kettle", "heater");
        assertThat(vm.activeAlarms()).extracting(AlarmRow::device).containsExactly("heater", "kettle");
        assertThat(vm.tabTitleProperty().get()).isEqualTo("Alarms (2)");
        assertThat(vm.statusTextProperty().get()).isEqualTo("2 unacknowledged alarms");

        power("kettle", 100); // cleared, still unacknowledged: still counted
        assertThat(vm.historyAlarms()).singleElement().satisfies(r -> {
            assertThat(r.device()).isEqualTo("kettle");
            assertThat(r.peak()).isEqualTo("2400");
        });
        assertThat(vm.unacknowledgedProperty().get()).isEqualTo(2);

        signedIn.set(session.signIn("vic", "vic-passphrase".toCharArray()));
        assertThat(vm.ackRefusalProperty().get()).isEqualTo("Viewer 'vic' may not acknowledge alarms (only Admin and Technician may)");
        vm.acknowledge(); // Ctrl+K by a Viewer: refused in words, and the refusal is in the audit log
        assertThat(vm.unacknowledgedProperty().get()).isEqualTo(2);
        assertThat(vm.messageProperty().get())
                .isEqualTo("Not acknowledged: Viewer 'vic' may not acknowledge alarms (only Admin and Technician may).");
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGE_REFUSED)))
                .singleElement().satisfies(r -> assertThat(r.entry().operator()).isEqualTo("vic"));

        signedIn.set(root);
        assertThat(vm.ackRefusalProperty().get()).isEmpty();
        vm.selectedProperty().set(vm.activeAlarms().getFirst());
        vm.acknowledge();
        assertThat(vm.messageProperty().get()).isEqualTo("Acknowledged: heater — Over-power.");
        assertThat(vm.activeAlarms()).singleElement().satisfies(r -> {
            assertThat(r.unacknowledged()).isFalse();
            assertThat(r.acknowledged()).startsWith("root, ");
        });
        assertThat(vm.statusTextProperty().get()).isEqualTo("1 unacknowledged alarm");
        vm.selectedProperty().set(null);
        vm.acknowledge(); // the first unacknowledged: the cleared kettle alarm
        assertThat(vm.unacknowledgedProperty().get()).isZero();
        assertThat(vm.tabTitleProperty().get()).isEqualTo("Alarms");
        assertThat(vm.ackRefusalProperty().get()).isEqualTo("no unacknowledged alarm");
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGED)))
                .extracting(r -> r.entry().device()).containsExactly("heater", "kettle");
    }
}
