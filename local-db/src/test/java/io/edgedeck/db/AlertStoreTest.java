package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules and alarms on a real H2 file: validation, unique names, reopen, acknowledgement audited once and by role. */
class AlertStoreTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PEM = "-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n";

    @TempDir
    Path dir;

    private static String keyId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static AlertRule overPower() {
        return AlertRule.threshold("Over-power", null, DeviceKind.PLUG, Metric.POWER, AlertRule.Direction.ABOVE,
                2000, 1800, Duration.ofSeconds(10));
    }

    @Test
    void rulesAndAlarmsSurviveReopeningTheFile() {
        long alarmId;
        try (LocalStore store = LocalStore.open(dir.resolve("a"))) {
            AlertRule rule = store.alerts().addRule(overPower());
            store.alerts().addRule(AlertRule.offline("Fridge gone", "fridge-1", null, Duration.ofMinutes(5)));
            alarmId = store.alerts().raise(rule, "plug-1", "plug-1: power 2150 W", Instant.ofEpochMilli(T0), 2150.0).id();
            store.alerts().updatePeak(alarmId, 2400);
        }
        try (LocalStore store = LocalStore.open(dir.resolve("a"))) {
            assertThat(store.alerts().rules()).extracting(AlertRule::describe).containsExactly(
                    "Fridge gone: offline for longer than 5 min (fridge-1)",
                    "Over-power: power > 2000 W for 10 s, clears below 1800 W (every plug)");
            assertThat(store.alerts().active()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(alarmId);
                assertThat(a.peak()).isEqualTo(2400.0);
                assertThat(a.active()).isTrue();
            });
            Alarm cleared = store.alerts().clear(alarmId, Instant.ofEpochMilli(T0 + 30_000), 2500.0);
            assertThat(cleared.clearedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 30_000));
            assertThat(store.alerts().active()).isEmpty();
            assertThat(store.alerts().history(10)).containsExactly(cleared);
        }
    }

    @Test
    void aRuleNameIsUniqueIgnoringCaseAndBadRulesSayWhatIsWrong() {
        try (LocalStore store = LocalStore.inMemory()) {
            store.alerts().addRule(overPower());
            assertThatThrownBy(() -> store.alerts().addRule(AlertRule.offline("OVER-POWER", null, null, Duration.ofMinutes(1))))
                    .hasMessage("there is already a rule named 'Over-power'");
        }
        assertThatThrownBy(() -> AlertRule.threshold("x", null, null, Metric.POWER, AlertRule.Direction.ABOVE, 2000,
                2100, Duration.ZERO)).hasMessage("an alarm above 2000 must clear at or below it, not at 2100");
        assertThatThrownBy(() -> AlertRule.threshold("x", null, null, Metric.TEMPERATURE, AlertRule.Direction.BELOW, 5,
                4.5, Duration.ZERO)).hasMessage("an alarm below 5 must clear at or above it, not at 4.5");
        assertThatThrownBy(() -> AlertRule.offline("x", null, null, Duration.ZERO))
                .hasMessage("say how long a device must be offline before it raises an alarm");
        assertThatThrownBy(() -> AlertRule.offline(" ", null, null, Duration.ofSeconds(1))).hasMessage("give the rule a name");
    }

    @Test
    void acknowledgingIsAuditedOnceAndRefusalsAreAuditedToo() {
        try (LocalStore store = LocalStore.open(dir.resolve("ack"))) {
            Operator root = store.operators().add(null, "root", Role.ADMIN, keyId(), PEM);
            Operator ana = store.operators().add(root, "ana", Role.TECHNICIAN, keyId(), PEM);
            Operator vic = store.operators().add(root, "vic", Role.VIEWER, keyId(), PEM);
            AlertRule rule = store.alerts().addRule(overPower());
            Alarm alarm = store.alerts().raise(rule, "plug-1", "plug-1: power 2150 W", Instant.ofEpochMilli(T0), 2150.0);
            long before = store.audit().count();

            assertThatThrownBy(() -> store.alerts().acknowledge(alarm.id(), vic))
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("Viewer 'vic' may not acknowledge alarms (only Admin and Technician may)");
            Alarm acked = store.alerts().acknowledge(alarm.id(), ana);
            assertThat(acked.acknowledgedBy()).isEqualTo("ana");
            assertThatThrownBy(() -> store.alerts().acknowledge(alarm.id(), root))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("this alarm was acknowledged already by ana");

            Operator disabledTech = store.operators().disable(root, store.operators().add(root, "dan", Role.TECHNICIAN,
                    keyId(), PEM).name());
            long beforeRefusals = store.audit().count();
            assertThatThrownBy(() -> store.alerts().acknowledge(alarm.id(), disabledTech))
                    .isInstanceOf(AccessRefusedException.class).hasMessageContaining("disabled");
            assertThatThrownBy(() -> store.alerts().acknowledge(alarm.id(), null))
                    .isInstanceOf(AccessRefusedException.class).hasMessage("sign in to acknowledge alarms");

            assertThat(store.audit().count()).isEqualTo(beforeRefusals + 2);
            var refusals = store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGE_REFUSED));
            assertThat(refusals).extracting(r -> r.entry().operator()).containsExactlyInAnyOrder("vic", "dan", null);
            assertThat(refusals).allSatisfy(r -> {
                assertThat(r.entry().outcome()).isEqualTo(AuditOutcome.REFUSED);
                assertThat(r.entry().device()).isEqualTo("plug-1");
                assertThat(r.entry().detail()).startsWith("alarm=" + alarm.id() + " rule=Over-power").contains(" reason=");
            });
            assertThat(store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGED))).hasSize(1);
            AuditRecord entry = store.audit().list(AuditQuery.all().action(AuditAction.ALARM_ACKNOWLEDGED)).getFirst();
            assertThat(entry.entry().operator()).isEqualTo("ana");
            assertThat(entry.entry().device()).isEqualTo("plug-1");
            assertThat(entry.entry().detail()).startsWith("alarm=" + alarm.id() + " rule=Over-power raised=");
            assertThat(store.audit().verify().intact()).isTrue();
            assertThat(store.alerts().alarm(alarm.id()).orElseThrow().acknowledgedBy()).isEqualTo("ana");
        }
    }

    @Test
    void ruleChangesByAnOperatorAreAuditedAndAViewersAreRefusedAndAudited() {
        try (LocalStore store = LocalStore.open(dir.resolve("rules"))) {
            Operator root = store.operators().add(null, "root", Role.ADMIN, keyId(), PEM);
            Operator ana = store.operators().add(root, "ana", Role.TECHNICIAN, keyId(), PEM);
            Operator vic = store.operators().add(root, "vic", Role.VIEWER, keyId(), PEM);

            AlertRule added = store.alerts().saveRule(overPower(), ana);
            store.alerts().saveRule(new AlertRule(added.id(), added.name(), "plug-1", null, added.type(), added.metric(),
                    added.direction(), 2100, 1900, added.forDuration(), true), root);
            assertThatThrownBy(() -> store.alerts().removeRule(added.id(), vic))
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("Viewer 'vic' may not edit alert rules (only Admin and Technician may)");
            assertThatThrownBy(() -> store.alerts().saveRule(overPower(), null))
                    .isInstanceOf(AccessRefusedException.class).hasMessage("sign in to edit alert rules");
            assertThat(store.alerts().rules()).hasSize(1);
            assertThat(store.alerts().removeRule(added.id(), ana)).isTrue();
            assertThat(store.alerts().rules()).isEmpty();

            var changes = store.audit().list(AuditQuery.all().action(AuditAction.ALERT_RULE_CHANGED));
            assertThat(changes).extracting(r -> r.entry().operator() + " " + r.entry().detail().split(":")[0])
                    .containsExactlyInAnyOrder("ana added Over-power", "root changed Over-power", "ana removed Over-power");
            var refused = store.audit().list(AuditQuery.all().action(AuditAction.ALERT_RULE_CHANGE_REFUSED));
            assertThat(refused).extracting(r -> r.entry().operator()).containsExactlyInAnyOrder("vic", null);
            assertThat(refused).allSatisfy(r -> assertThat(r.entry().outcome()).isEqualTo(AuditOutcome.REFUSED));
            assertThat(store.audit().verify().intact()).isTrue();
        }
    }
}
