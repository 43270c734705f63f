package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators, roles and the bootstrap rule on a real H2 file; every change and refusal lands in the audit log. */
class OperatorRegistryTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PEM = "-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n";

    @TempDir
    Path dir;
    private LocalStore store;
    private OperatorRegistry operators;

    @BeforeEach
    void open() {
        store = LocalStore.open(dir.resolve("ops"), new SteppingClock(T0, 1000));
        operators = store.operators();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String keyId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private Operator admin() {
        return operators.add(null, "root", Role.ADMIN, keyId(), PEM);
    }

    private List<AuditRecord> audit() {
        return store.audit().list(AuditQuery.all());
    }

    @Test
    void theFirstOperatorBecomesAdminWhateverTheRoleAsked() {
        Operator first = operators.add(null, "Ana García", Role.VIEWER, keyId(), PEM);
        assertThat(first.role()).isEqualTo(Role.ADMIN);
        assertThat(first.createdAt()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(operators.find("ana garcía")).contains(first);
        assertThat(operators.findByKeyId(first.keyId())).contains(first);
        AuditRecord r = audit().getFirst();
        assertThat(r.entry().action()).isEqualTo(AuditAction.OPERATOR_ADDED);
        assertThat(r.entry().operator()).isNull();
        assertThat(r.entry().detail()).isEqualTo("operator=Ana García role=admin key=" + first.keyId()
                + " (first operator, made admin)");
    }

    @Test
    void afterTheFirstOnlyAnAdminAddsOperators() {
        Operator root = admin();
        assertThatThrownBy(() -> operators.add(null, "eve", Role.ADMIN, keyId(), PEM))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("operators exist already: only an Admin may manage them");

        Operator tech = operators.add(root, "tom", Role.TECHNICIAN, keyId(), PEM);
        assertThat(tech.role()).isEqualTo(Role.TECHNICIAN);
        assertThatThrownBy(() -> operators.add(tech, "eve", Role.ADMIN, keyId(), PEM))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("Technician 'tom' may not manage operators (only an Admin may)");
        assertThat(operators.find("eve")).isEmpty();

        assertThat(audit()).extracting(r -> r.entry().action()).containsExactly(AuditAction.OPERATOR_ADDED,
                AuditAction.OPERATOR_CHANGE_REFUSED, AuditAction.OPERATOR_ADDED, AuditAction.OPERATOR_CHANGE_REFUSED);
        AuditRecord refused = audit().getLast();
        assertThat(refused.entry().operator()).isEqualTo("tom");
        assertThat(refused.entry().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(refused.entry().detail()).isEqualTo(
                "tried to add operator 'eve': Technician 'tom' may not manage operators (only an Admin may)");
        assertThat(store.audit().verify().intact()).isTrue();
    }

    @Test
    void namesAreUniqueIgnoringCaseAndKeysAreUnique() {
        Operator root = admin();
        String key = keyId();
        operators.add(root, "Ana", Role.TECHNICIAN, key, PEM);
        assertThatThrownBy(() -> operators.add(root, "ANA", Role.VIEWER, keyId(), PEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("there is already an operator named 'Ana'");
        assertThatThrownBy(() -> operators.add(root, "bea", Role.VIEWER, key, PEM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this key (" + key + ") already belongs to operator 'Ana'");
        assertThatThrownBy(() -> operators.add(root, " ", Role.VIEWER, keyId(), PEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be an operator name");
        assertThatThrownBy(() -> operators.add(root, "x;DROP", Role.VIEWER, keyId(), PEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be an operator name");
        assertThatThrownBy(() -> operators.add(root, "carl", Role.VIEWER, "short", PEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a key id");
        assertThatThrownBy(() -> operators.add(root, "carl", Role.VIEWER, keyId(), "not a pem"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a PEM public key");
        assertThat(operators.list()).extracting(Operator::name).containsExactly("Ana", "root");
    }

    @Test
    void rolesChangeAndDisabledOperatorsStayListedButMayDoNothing() {
        Operator root = admin();
        Operator ana = operators.add(root, "ana", Role.VIEWER, keyId(), PEM);
        Operator promoted = operators.changeRole(root, "ANA", Role.ADMIN);
        assertThat(promoted.role()).isEqualTo(Role.ADMIN);
        assertThat(operators.find("ana")).get().extracting(Operator::role).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> operators.changeRole(root, "ana", Role.ADMIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'ana' is already Admin");

        operators.disable(promoted, "root");
        assertThat(operators.find("root")).get().extracting(Operator::disabled).isEqualTo(true);
        assertThat(operators.list()).hasSize(2);
        // root still holds the Operator object from before: the registry checks the stored state
        assertThatThrownBy(() -> operators.add(root, "zed", Role.VIEWER, keyId(), PEM))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("operator 'root' is disabled and may not manage operators");
        assertThatThrownBy(() -> operators.disable(promoted, "root"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'root' is already disabled");
        assertThatThrownBy(() -> operators.add(promoted, "Root", Role.VIEWER, keyId(), PEM))
                .hasMessage("there is already an operator named 'root' (disabled; names are never reused)");

        assertThat(audit()).extracting(r -> r.entry().detail()).contains("operator=ana role=viewer->admin",
                "operator=root");
        assertThat(ana.keyId()).isNotNull();
    }

    @Test
    void theLastAdminCanNeitherBeDemotedNorDisabled() {
        Operator root = admin();
        assertThatThrownBy(() -> operators.changeRole(root, "root", Role.TECHNICIAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'root' is the only Admin left");
        assertThatThrownBy(() -> operators.disable(root, "root"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'root' is the only Admin left");
        assertThat(operators.find("root")).get().extracting(Operator::role, Operator::disabled)
                .containsExactly(Role.ADMIN, false);
    }

    @Test
    void aReplacedKeyIsFoundByItsNewIdAndAudited() {
        Operator root = admin();
        operators.add(root, "tom", Role.TECHNICIAN, keyId(), PEM);
        String fresh = keyId();
        operators.replaceKey(root, "tom", fresh, PEM);
        assertThat(operators.findByKeyId(fresh)).get().extracting(Operator::name).isEqualTo("tom");
        assertThat(audit().getLast().entry()).isEqualTo(AuditEntry.keyImported("root", "tom", fresh));
    }

    @Test
    void operatorsAndTheirAuditSurviveReopening() {
        Operator root = admin();
        operators.add(root, "aud", Role.AUDITOR, keyId(), PEM);
        store.close();
        store = LocalStore.open(dir.resolve("ops"));
        assertThat(store.operators().list()).extracting(Operator::name, Operator::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aud", Role.AUDITOR),
                        org.assertj.core.groups.Tuple.tuple("root", Role.ADMIN));
        assertThat(store.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
        assertThat(store.audit().count()).isEqualTo(2);
    }

    @Test
    void rolesAnswerWhatTheyMayDo() {
        assertThat(List.of(Role.values())).filteredOn(Role::mayCommand).containsExactly(Role.ADMIN, Role.TECHNICIAN);
        assertThat(List.of(Role.values())).filteredOn(Role::mayManageOperators).containsExactly(Role.ADMIN);
        assertThat(List.of(Role.values())).filteredOn(Role::mayReadAudit).containsExactly(Role.ADMIN, Role.AUDITOR);
        assertThat(Role.parse(" Technician ")).isEqualTo(Role.TECHNICIAN);
        assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown role 'root' (roles: admin, technician, viewer, auditor)");
    }

    @Test
    void theAccessPolicyRefusesInWords() {
        Operator viewer = new Operator("bob", Role.VIEWER, "k", PEM, Instant.EPOCH, false);
        Operator auditor = new Operator("aud", Role.AUDITOR, "k", PEM, Instant.EPOCH, false);
        Operator tech = new Operator("tom", Role.TECHNICIAN, "k", PEM, Instant.EPOCH, false);
        Operator gone = new Operator("old", Role.ADMIN, "k", PEM, Instant.EPOCH, true);
        assertThat(AccessPolicy.refusal(viewer, Permission.SEND_COMMAND))
                .contains("Viewer 'bob' may not send commands to devices (only Admin and Technician may)");
        assertThat(AccessPolicy.refusal(auditor, Permission.SEND_COMMAND)).isPresent();
        assertThat(AccessPolicy.allows(tech, Permission.SEND_COMMAND)).isTrue();
        assertThat(AccessPolicy.allows(auditor, Permission.READ_AUDIT)).isTrue();
        assertThat(AccessPolicy.refusal(tech, Permission.READ_AUDIT))
                .contains("Technician 'tom' may not read the audit log (only Admin and Auditor may)");
        assertThat(AccessPolicy.refusal(gone, Permission.READ_AUDIT))
                .contains("operator 'old' is disabled and may not read the audit log");
        assertThatThrownBy(() -> AccessPolicy.require(viewer, Permission.MANAGE_OPERATORS))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("Viewer 'bob' may not manage operators (only an Admin may)");
    }
}
