package io.edgedeck.services;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditOutcome;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.AuditRecord;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Operator;
import io.edgedeck.db.Role;
import io.edgedeck.link.command.KeyFileException;
import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.OperatorKey;
import io.edgedeck.link.command.OperatorKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sign-in and operator creation on a real H2 file and real key files. */
class OperatorSessionTest {
    @TempDir
    Path dir;

    private LocalStore store;
    private KeyRing keys;
    private OperatorSession session;
    private final List<Optional<SignedIn>> changes = new ArrayList<>();

    @BeforeEach
    void open() {
        store = LocalStore.open(dir.resolve("console"));
        keys = KeyRing.inDataFolder(dir);
        session = new OperatorSession(store.operators(), store.audit(), keys);
        session.addListener(changes::add);
    }

    @AfterEach
    void close() {
        assertThat(store.audit().verify().intact()).as("the audit chain holds").isTrue();
        store.close();
    }

    @Test
    void theFirstOperatorBecomesAdminAndIsSignedIn() {
        assertThat(session.needsFirstOperator()).isTrue();
        char[] pass = "root-passphrase".toCharArray();

        SignedIn root = session.createFirstOperator("root", pass);

        assertThat(pass).containsOnly('\0');
        assertThat(root.operator().role()).isEqualTo(Role.ADMIN);
        assertThat(session.current()).contains(root);
        assertThat(changes).containsExactly(Optional.of(root));
        assertThat(keys.has("root")).isTrue();
        assertThat(session.needsFirstOperator()).isFalse();
        List<AuditRecord> log = store.audit().list(AuditQuery.all());
        assertThat(log).extracting(r -> r.entry().action()).containsExactly(AuditAction.OPERATOR_ADDED, AuditAction.LOGIN);
        assertThat(log.get(1).entry().keyId()).isEqualTo(root.key().keyId());

        assertThatThrownBy(() -> session.createFirstOperator("mallory", "mallory-pass".toCharArray()))
                .isInstanceOf(AccessRefusedException.class).hasMessageContaining("operators exist already");
        assertThat(keys.has("mallory")).as("no key file left behind").isFalse();
    }

    @Test
    void anAdminCreatesAColleagueWhoSignsInWithTheirPassphrase() {
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        Operator ana = session.createOperator(root, "ana", Role.TECHNICIAN, "ana-passphrase".toCharArray());
        assertThat(ana.role()).isEqualTo(Role.TECHNICIAN);
        assertThat(session.signInCandidates()).extracting(Operator::name).containsExactly("ana", "root");

        SignedIn signedIn = session.signIn("ANA", "ana-passphrase".toCharArray());

        assertThat(signedIn.operator()).isEqualTo(ana);
        assertThat(session.current()).contains(signedIn);
        assertThat(store.audit().list(AuditQuery.all().operator("ana").action(AuditAction.LOGIN)))
                .singleElement().satisfies(r -> {
                    assertThat(r.entry().outcome()).isEqualTo(AuditOutcome.OK);
                    assertThat(r.entry().keyId()).isEqualTo(ana.keyId());
                });

        session.signOut();
        assertThat(session.current()).isEmpty();
        assertThat(changes).last().isEqualTo(Optional.empty());
    }

    @Test
    void aWrongPassphraseIsRefusedWithAClearMessageAndAudited() {
        session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.signOut();
        char[] wrong = "not-the-passphrase".toCharArray();

        assertThatThrownBy(() -> session.signIn("root", wrong)).isInstanceOfSatisfying(SignInException.class, e -> {
            assertThat(e.reason()).isEqualTo(SignInException.Reason.WRONG_PASSPHRASE);
            assertThat(e.getMessage()).isEqualTo("wrong passphrase for operator 'root'");
        });
        assertThat(wrong).containsOnly('\0');
        assertThat(session.current()).isEmpty();
        AuditRecord last = store.audit().list(AuditQuery.all()).getLast();
        assertThat(last.entry().action()).isEqualTo(AuditAction.LOGIN);
        assertThat(last.entry().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(last.entry().detail()).isEqualTo("refused: wrong passphrase for operator 'root'")
                .doesNotContain("not-the-passphrase");
    }

    @Test
    void theKeyOfAnotherOperatorIsRefusedAtSignIn() {
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.createOperator(root, "ana", Role.TECHNICIAN, "ana-passphrase".toCharArray());
        OperatorKey anasKey = keys.unlock("ana", "ana-passphrase".toCharArray());

        assertThatThrownBy(() -> session.signIn("root", anasKey)).isInstanceOfSatisfying(SignInException.class, e -> {
            assertThat(e.reason()).isEqualTo(SignInException.Reason.KEY_MISMATCH);
            assertThat(e.getMessage()).isEqualTo("this key is not the registered key of operator 'root' "
                    + "(it is the key of 'ana')");
        });
        OperatorKey stranger = OperatorKeys.generate(new SecureRandom());
        assertThatThrownBy(() -> session.identify(stranger)).isInstanceOfSatisfying(SignInException.class,
                e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.UNKNOWN_OPERATOR));
        assertThat(session.identify(anasKey).name()).isEqualTo("ana");
    }

    @Test
    void unknownAndDisabledOperatorsCannotSignIn() {
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.createOperator(root, "dan", Role.TECHNICIAN, "dan-passphrase".toCharArray());
        store.operators().disable(root.operator(), "dan");

        assertThatThrownBy(() -> session.signIn("dan", "dan-passphrase".toCharArray()))
                .isInstanceOf(SignInException.class).hasMessage("operator 'dan' is disabled");
        assertThatThrownBy(() -> session.signIn("nobody", "whatever-pass".toCharArray()))
                .isInstanceOf(SignInException.class).hasMessage("there is no operator 'nobody'");
        assertThat(session.signInCandidates()).extracting(Operator::name).containsExactly("root");
    }

    @Test
    void onlyAnAdminCreatesOperatorsAndARefusalLeavesNoKeyBehind() {
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.createOperator(root, "ana", Role.TECHNICIAN, "ana-passphrase".toCharArray());
        SignedIn ana = session.signIn("ana", "ana-passphrase".toCharArray());

        assertThatThrownBy(() -> session.createOperator(ana, "eve", Role.ADMIN, "eve-passphrase".toCharArray()))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("Technician 'ana' may not manage operators (only an Admin may)");
        assertThat(keys.has("eve")).isFalse();
        assertThat(store.operators().find("eve")).isEmpty();
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.OPERATOR_CHANGE_REFUSED))).hasSize(1);

        assertThatThrownBy(() -> session.createOperator(root, "Ana", Role.VIEWER, "other-passphrase".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already an operator named 'ana'");
    }

    @Test
    void anAdminImportsAnOperatorWhoseKeyLivesElsewhere() {
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        OperatorKey laptopKey = OperatorKeys.generate(new SecureRandom());

        Operator vic = session.importOperator(root, "vic", Role.VIEWER, KeyFiles.publicPem(laptopKey.publicKey()));

        assertThat(vic.keyId()).isEqualTo(laptopKey.keyId());
        assertThat(keys.has("vic")).isFalse();
        assertThat(session.signIn("vic", laptopKey).operator().role()).isEqualTo(Role.VIEWER);
        assertThatThrownBy(() -> session.signIn("vic", "any-passphrase".toCharArray()))
                .isInstanceOfSatisfying(SignInException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.NO_KEY_HERE));
        assertThatThrownBy(() -> session.importOperator(root, "x", Role.VIEWER, "not a key"))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("is not a PEM public key");
    }
}
