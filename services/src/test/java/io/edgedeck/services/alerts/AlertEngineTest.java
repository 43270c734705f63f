package io.edgedeck.services.alerts;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.Alarm;
import io.edgedeck.db.AlertRule;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.Availability;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine on a real H2 file, run on the calling thread with a clock the test moves. */
class AlertEngineTest {
    static final long T0 = 1_764_000_000_000L;

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(T0);
    final List<Alarm> raised = new CopyOnWriteArrayList<>();
    final List<Alarm> cleared = new CopyOnWriteArrayList<>();
    LocalStore store;
    AlertEngine engine;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    void open() {
        store = LocalStore.open(dir.resolve("alerts"));
        engine = new AlertEngine(store.alerts(), clock, Runnable::run);
        engine.addListener(new AlarmListener() {
            @Override
            public void raised(Alarm alarm) {
                raised.add(alarm);
            }

            @Override
            public void cleared(Alarm alarm) {
                cleared.add(alarm);
            }
        });
    }

    AlertRule rule(AlertRule r) {
        return store.alerts().addRule(r);
    }

    static AlertRule overPower(String device, Duration forAtLeast) {
        return AlertRule.threshold("over-power" + (device == null ? "" : " " + device), device,
                device == null ? DeviceKind.PLUG : null, Metric.POWER, AlertRule.Direction.ABOVE, 2000, 1800, forAtLeast);
    }

    void power(String device, long at, double watts) {
        engine.committed(IngestBatch.of(List.of(new Reading(device, DeviceKind.PLUG, at, Map.of(Metric.POWER, watts)))),
                new CommitResult(1, 0, 0));
    }

    void temperature(String device, long at, double celsius) {
        engine.committed(IngestBatch.of(List.of(new Reading(device, DeviceKind.SENSOR, at,
                Map.of(Metric.TEMPERATURE, celsius)))), new CommitResult(1, 0, 0));
    }

    void tickAt(long millis) {
        clock.set(millis);
        engine.tick();
    }

    @Test
    void aValueHoveringAroundTheThresholdDoesNotFlapAndClearsOnlyBelowTheClearThreshold() {
        open();
        rule(overPower(null, Duration.ZERO));
        engine.start(List.of());
        double[] watts = {1500, 2100, 1990, 2010, 1850, 1995, 2005, 1801};
        for (int i = 0; i < watts.length; i++) {
            power("kettle", T0 + i * 1000L, watts[i]);
        }
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.deviceId()).isEqualTo("kettle");
            assertThat(a.message()).isEqualTo("kettle: power > 2000 W (peak 2100 W)");
            assertThat(a.raisedAt().toEpochMilli()).isEqualTo(T0 + 1000);
        });
        assertThat(cleared).isEmpty();
        power("kettle", T0 + 9_000, 2300);
        power("kettle", T0 + 10_000, 1799);
        assertThat(cleared).singleElement().satisfies(a -> {
            assertThat(a.clearedAt().toEpochMilli()).isEqualTo(T0 + 10_000);
            assertThat(a.peak()).isEqualTo(2300.0);
        });
        power("kettle", T0 + 11_000, 2001);
        assertThat(raised).hasSize(2);
        assertThat(store.alerts().active()).singleElement().extracting(Alarm::raisedAt)
                .isEqualTo(java.time.Instant.ofEpochMilli(T0 + 11_000));
        assertThat(store.alerts().history(10)).singleElement().extracting(Alarm::peak).isEqualTo(2300.0);
    }

    @Test
    void aSpikeShorterThanTheDurationRaisesNothingAHeldValueDoes() {
        open();
        rule(overPower(null, Duration.ofSeconds(10)));
        engine.start(List.of());
        power("kettle", T0, 2100);
        power("kettle", T0 + 3_000, 2600);
        power("kettle", T0 + 5_000, 1500);
        tickAt(T0 + 30_000);
        assertThat(raised).isEmpty();

        for (int s = 40; s <= 50; s++) {
            power("kettle", T0 + s * 1000L, s == 45 ? 2450 : 2100);
        }
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.raisedAt().toEpochMilli()).isEqualTo(T0 + 50_000);
            assertThat(a.peak()).isEqualTo(2450.0);
            assertThat(a.message()).isEqualTo("kettle: power > 2000 W for 10 s (peak 2450 W)");
        });
    }

    @Test
    void theTimerRaisesAValueHeldPastTheDurationWhenNoNewerReadingCame() {
        open();
        rule(overPower(null, Duration.ofSeconds(10)));
        engine.start(List.of());
        power("heater", T0, 2200);
        tickAt(T0 + 9_000);
        assertThat(raised).isEmpty();
        tickAt(T0 + 10_000);
        assertThat(raised).singleElement().extracting(Alarm::deviceId).isEqualTo("heater");
        tickAt(T0 + 20_000);
        assertThat(raised).hasSize(1);
    }

    @Test
    void offlineRuleRaisesForASilentOrAnnouncedOfflineDeviceOfItsKindAndClearsWhenItIsBack() {
        open();
        rule(AlertRule.offline("sensor gone", null, DeviceKind.SENSOR, Duration.ofSeconds(60)));
        engine.start(List.of());
        temperature("cellar", T0, 12);
        power("plug-1", T0, 10);
        tickAt(T0 + 59_000);
        assertThat(raised).isEmpty();
        tickAt(T0 + 61_000);
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.deviceId()).isEqualTo("cellar");
            assertThat(a.message()).startsWith("cellar: silent since ");
        });
        temperature("cellar", T0 + 70_000, 12);
        assertThat(cleared).singleElement().extracting(a -> a.clearedAt().toEpochMilli()).isEqualTo(T0 + 70_000);

        engine.committed(IngestBatch.availability(new Availability("cellar", DeviceKind.SENSOR, false, T0 + 80_000)),
                new CommitResult(0, 0, 0));
        tickAt(T0 + 139_000);
        assertThat(raised).hasSize(1);
        tickAt(T0 + 140_000);
        assertThat(raised).hasSize(2);
        assertThat(raised.getLast().message()).startsWith("cellar: offline since ");
        engine.committed(IngestBatch.availability(new Availability("cellar", DeviceKind.SENSOR, true, T0 + 150_000)),
                new CommitResult(0, 0, 0));
        assertThat(cleared).hasSize(2);
    }

    @Test
    void aRuleForOneDeviceWatchesOnlyItAndARuleForAllWatchesEveryDeviceOfItsKind() {
        open();
        AlertRule one = rule(overPower("plug-1", Duration.ZERO));
        AlertRule all = rule(overPower(null, Duration.ZERO));
        engine.start(List.of());
        power("plug-1", T0, 2500);
        power("plug-2", T0, 2500);
        temperature("sensor-1", T0, 2500); // a sensor has no power: nothing
        assertThat(raised).extracting(a -> a.ruleName() + "@" + a.deviceId()).containsExactlyInAnyOrder(
                one.name() + "@plug-1", all.name() + "@plug-1", all.name() + "@plug-2");
    }

    @Test
    void activeAlarmsSurviveAReopenAndAreClearedByTheNextLowReading() {
        open();
        AlertRule r = rule(overPower(null, Duration.ZERO));
        engine.start(List.of());
        power("plug-1", T0, 2500);
        power("plug-1", T0 + 1000, 2700);
        tickAt(T0 + 2000); // peak stored
        store.close();

        open();
        engine.start(store.devices().all());
        assertThat(store.alerts().active()).singleElement().satisfies(a -> assertThat(a.peak()).isEqualTo(2700.0));
        power("plug-1", T0 + 5000, 2600);
        assertThat(raised).hasSize(1); // not raised again
        power("plug-1", T0 + 6000, 100);
        assertThat(cleared).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo(r.id());
            assertThat(a.peak()).isEqualTo(2700.0);
        });
    }

    @Test
    void removingARuleClearsItsAlarms() {
        open();
        AlertRule r = rule(overPower(null, Duration.ZERO));
        AlertRules rules = new AlertRules(store.alerts(), store.operators(), engine);
        var session = new OperatorSession(store.operators(), store.audit(), KeyRing.inDataFolder(dir));
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        engine.start(List.of());
        power("plug-1", T0, 2500);
        clock.set(T0 + 5000);
        assertThatThrownBy(() -> rules.remove(null, r.id())).isInstanceOf(AccessRefusedException.class);
        assertThat(cleared).isEmpty();
        assertThat(rules.remove(root, r.id())).isTrue();
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALERT_RULE_CHANGED)))
                .singleElement().satisfies(e -> assertThat(e.entry().detail()).startsWith("removed over-power: power > 2000 W"));
        assertThat(cleared).singleElement().extracting(a -> a.clearedAt().toEpochMilli()).isEqualTo(T0 + 5000);
        power("plug-1", T0 + 6000, 2500);
        assertThat(raised).hasSize(1);
    }

    @Test
    void aTechnicianAcknowledgesOnceAuditedAViewerIsRefused() {
        open();
        var session = new OperatorSession(store.operators(), store.audit(), KeyRing.inDataFolder(dir));
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.createOperator(root, "ana", Role.TECHNICIAN, "ana-passphrase".toCharArray());
        session.createOperator(root, "vic", Role.VIEWER, "vic-passphrase".toCharArray());
        rule(overPower(null, Duration.ZERO));
        engine.start(List.of());
        List<Alarm> acked = new CopyOnWriteArrayList<>();
        engine.addListener(new AlarmListener() {
            @Override
            public void raised(Alarm alarm) {
            }

            @Override
            public void acknowledged(Alarm alarm) {
                acked.add(alarm);
            }
        });
        power("plug-1", T0, 2500);
        long id = raised.getFirst().id();
        var acknowledger = new AlarmAcknowledger(store.alerts(), store.operators(), engine);

        SignedIn vic = session.signIn("vic", "vic-passphrase".toCharArray());
        assertThat(acknowledger.refusal(vic.operator())).contains(
                "Viewer 'vic' may not acknowledge alarms (only Admin and Technician may)");
        assertThatThrownBy(() -> acknowledger.acknowledge(vic, id)).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> acknowledger.acknowledge(null, id)).isInstanceOf(AccessRefusedException.class)
                .hasMessage("sign in to acknowledge alarms");
        SignedIn oldRoot = session.signIn("root", "root-passphrase".toCharArray());
        session.replaceKey(root, "root", io.edgedeck.link.command.KeyFiles.publicPem(newPublicKey()));
        assertThatThrownBy(() -> acknowledger.acknowledge(oldRoot, id)).isInstanceOf(AccessRefusedException.class)
                .hasMessageContaining("has changed");
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGE_REFUSED)))
                .extracting(e -> e.entry().operator() + ": " + e.entry().detail().replaceAll(".* reason=", ""))
                .containsExactlyInAnyOrder(
                        "vic: Viewer 'vic' may not acknowledge alarms (only Admin and Technician may)",
                        "null: sign in to acknowledge alarms",
                        "root: the key of operator 'root' has changed; sign in again");
        SignedIn ana = session.signIn("ana", "ana-passphrase".toCharArray());
        Alarm a = acknowledger.acknowledge(ana, id);
        assertThat(a.acknowledgedBy()).isEqualTo("ana");
        assertThat(acked).containsExactly(a);
        assertThatThrownBy(() -> acknowledger.acknowledge(ana, id)).isInstanceOf(IllegalStateException.class);
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGED)))
                .singleElement().satisfies(e -> {
                    assertThat(e.entry().operator()).isEqualTo("ana");
                    assertThat(e.entry().device()).isEqualTo("plug-1");
                });
    }

    private static java.security.interfaces.ECPublicKey newPublicKey() {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return (java.security.interfaces.ECPublicKey) generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertThat(AlertDurations.parse("10 s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(AlertDurations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AlertDurations.parse("5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(AlertDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(AlertDurations.parse("")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> AlertDurations.parse("soon"))
                .hasMessage("'soon' is not a duration: write e.g. 10 s, 5 min, 2 h or 1h30m");
    }
}
