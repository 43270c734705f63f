package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.AuditRecord;
import io.edgedeck.db.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** operators and audit commands as a script runs them, on H2 files with keys generated here. */
class OperatorsAndAuditCliTest {
    @TempDir
    Path dir;


    private Run run(String... args) {
        return CliRun.run(CliRun.under(dir), args);
    }

    private String db() {
        return dir.resolve("console").toString();
    }

    private static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes a P-256 public key as PEM (with an "Operator:" line before it, as key files may carry). */
    private Path publicKeyFile(String name, KeyPair pair) throws Exception {
        Path f = dir.resolve(name + ".pub.pem");
        Files.writeString(f, "Operator: " + name + "\n" + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return f;
    }

    private CliPerson person(String name) throws Exception {
        return CliPerson.create(dir, name);
    }

    private static String[] args(Object... parts) {
        return CliPerson.args(parts);
    }

    /** RFC 7638 by hand: SHA-256 over {"crv","kty","x","y"} in that order, no spaces; base64url without padding. */
    private static String thumbprint(ECPublicKey key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String json = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + b64.encodeToString(coordinate(key.getW().getAffineX()))
                + "\",\"y\":\"" + b64.encodeToString(coordinate(key.getW().getAffineY())) + "\"}";
        return b64.encodeToString(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] coordinate(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    @Test
    void theFirstOperatorBecomesAdminAndGetsTheRfc7638KeyId() throws Exception {
        KeyPair root = keyPair("secp256r1");
        Run r = run("operators", "add", "--db", db(), "--name", "root", "--role", "technician",
                "--public-key", publicKeyFile("root", root).toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String kid = thumbprint((ECPublicKey) root.getPublic());
        assertThat(r.out()).contains("added Admin 'root', key id " + kid)
                .contains("the first operator becomes Admin");
        try (LocalStore store = LocalStore.open(Path.of(db()))) {
            var stored = store.operators().findByKeyId(kid).orElseThrow();
            assertThat(stored.publicKeyPem()).isEqualTo(pem("PUBLIC KEY", root.getPublic().getEncoded()));
        }
    }

    @Test
    void afterTheFirstOnlyAnAdminWhoProvesItWithTheirKeyChangesOperators() throws Exception {
        CliPerson root = person("root");
        CliPerson tom = person("tom");
        assertThat(run("operators", "add", "--db", db(), "--name", "root", "--role", "admin",
                "--public-key", root.pub().toString()).exitCode()).isZero();

        Run anonymous = run("operators", "add", "--db", db(), "--name", "tom", "--role", "technician",
                "--public-key", tom.pub().toString());
        assertThat(anonymous.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(anonymous.err()).contains("edgedeck: name the Admin making this change with --as NAME --key FILE");

        Run nameOnly = run("operators", "add", "--db", db(), "--as", "root", "--name", "tom", "--role", "technician",
                "--public-key", tom.pub().toString());
        assertThat(nameOnly.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nameOnly.err()).contains("--as root needs --key FILE");

        Run impostor = run(args("operators", "add", "--db", db(), "--as", "root", "--key", tom.key(),
                "--passphrase-file", tom.pass(), "--name", "tom", "--role", "technician", "--public-key", tom.pub()));
        assertThat(impostor.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(impostor.err()).contains("edgedeck: this key is not the registered key of operator 'root'");

        Run wrongPass = run(args("operators", "add", "--db", db(), "--as", "root", "--key", root.key(),
                "--passphrase-file", tom.pass(), "--name", "tom", "--role", "technician", "--public-key", tom.pub()));
        assertThat(wrongPass.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongPass.err()).contains("wrong passphrase for key file " + root.key());

        Run added = run(args("operators", "add", "--db", db(), root.as(), "--name", "tom", "--role", "technician",
                "--public-key", tom.pub()));
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("added Technician 'tom', key id ");

        Run byTech = run(args("operators", "add", "--db", db(), tom.as(), "--name", "eve", "--role", "admin",
                "--public-key", person("eve").pub()));
        assertThat(byTech.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(byTech.err()).contains("edgedeck: Technician 'tom' may not manage operators (only an Admin may)")
                .doesNotContain("Exception");

        Run sameKey = run(args("operators", "add", "--db", db(), root.as(), "--name", "tim", "--role", "viewer",
                "--public-key", tom.pub()));
        assertThat(sameKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(sameKey.err()).contains("already belongs to operator 'tom'");

        assertThat(run(args("operators", "role", "--db", db(), root.as(), "--name", "tom", "--role", "viewer"))
                .out()).isEqualTo("tom is now Viewer\n");
        assertThat(run(args("operators", "disable", "--db", db(), root.as(), "--name", "tom")).out())
                .isEqualTo("disabled tom\n");
        Run lastAdmin = run(args("operators", "disable", "--db", db(), root.as(), "--name", "root"));
        assertThat(lastAdmin.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(lastAdmin.err()).contains("'root' is the only Admin left");

        Run list = run("operators", "list", "--db", db());
        assertThat(list.exitCode()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("NAME").contains("ROLE", "KEY ID", "STATE");
        assertThat(lines.get(1)).startsWith("root").contains("Admin", "active");
        assertThat(lines.get(2)).startsWith("tom").contains("Viewer", "disabled");

        try (LocalStore store = LocalStore.open(Path.of(db()))) {
            List<AuditRecord> log = store.audit().list(AuditQuery.all());
            assertThat(log).extracting(rec -> rec.entry().action()).containsExactly(
                    AuditAction.OPERATOR_ADDED, AuditAction.LOGIN, AuditAction.LOGIN, AuditAction.OPERATOR_ADDED,
                    AuditAction.LOGIN, AuditAction.OPERATOR_CHANGE_REFUSED, AuditAction.LOGIN,
                    AuditAction.LOGIN, AuditAction.OPERATOR_ROLE_CHANGED, AuditAction.LOGIN,
                    AuditAction.OPERATOR_DISABLED, AuditAction.LOGIN);
            assertThat(log.get(1).entry().outcome()).as("the impostor's sign-in is refused")
                    .isEqualTo(io.edgedeck.db.AuditOutcome.REFUSED);
            assertThat(store.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void keysThatAreNotP256PublicKeysAreRefusedInWords() throws Exception {
        KeyPair p256 = keyPair("secp256r1");
        Path privateKey = dir.resolve("private.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", p256.getPrivate().getEncoded()));
        Path p384 = dir.resolve("p384.pem");
        Files.writeString(p384, pem("PUBLIC KEY", keyPair("secp384r1").getPublic().getEncoded()));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path rsaKey = dir.resolve("rsa.pem");
        Files.writeString(rsaKey, pem("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded()));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");

        record Case(Path file, String message) {
        }
        for (Case c : List.of(
                new Case(privateKey, "holds a private key: give the public key instead"),
                new Case(p384, "is not a P-256 key"),
                new Case(rsaKey, "is not an elliptic-curve public key"),
                new Case(text, "is not a PEM file"),
                new Case(dir.resolve("missing.pem"), "does not exist"))) {
            Run r = run("operators", "add", "--db", db(), "--name", "root", "--role", "admin",
                    "--public-key", c.file().toString());
            assertThat(r.exitCode()).as(c.message()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains(c.message()).doesNotContain("Exception").doesNotContain("MII");
        }
        Run role = run("operators", "add", "--db", db(), "--name", "root", "--role", "boss",
                "--public-key", publicKeyFile("root", p256).toString());
        assertThat(role.err()).contains("unknown role 'boss' (roles: admin, technician, viewer, auditor)");
        Run noDb = run("operators", "list", "--db", dir.resolve("nope").toString());
        assertThat(noDb.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDb.err()).contains("there is no EdgeDeck database at");
    }

    private void rootThenAnOperatorWithAnUnusableName() throws Exception {
        CliPerson root = person("root");
        assertThat(run("operators", "add", "--db", db(), "--name", "root", "--role", "admin",
                "--public-key", root.pub().toString()).exitCode()).isZero();
        Run bad = run(args("operators", "add", "--db", db(), root.as(), "--name", "Ana, \"the auditor\"", "--role",
                "auditor", "--public-key", publicKeyFile("ana", keyPair("secp256r1"))));
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("cannot be an operator name");
    }

    @Test
    void auditListPrintsATableOrCsvAndFilters() throws Exception {
        CliPerson root = person("root");
        run("operators", "add", "--db", db(), "--name", "root", "--role", "admin", "--public-key", root.pub().toString());
        run(args("operators", "add", "--db", db(), root.as(), "--name", "ana", "--role", "auditor",
                "--public-key", publicKeyFile("ana", keyPair("secp256r1"))));
        run(args("operators", "role", "--db", db(), root.as(), "--name", "ana", "--role", "viewer"));

        Run table = run("audit", "list", "--db", db());
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).contains("     1  ", " -  ", "operator_added", " ok ", "(first operator, made admin)");
        assertThat(lines.get(2)).contains("root", "login", " ok ");
        assertThat(lines.get(5)).contains("root", "operator_role_changed", "operator=ana role=auditor->viewer");
        assertThat(table.err()).contains("5 entries");

        Run csv = run("audit", "list", "--db", db(), "--csv", "--operator", "ROOT");
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("seq,time,operator,key_id,action,device,outcome,detail,hash");
        assertThat(rows).hasSize(5);
        // a key id is random base64url: one starting with '-' gets the CSV formula guard (a leading ')
        assertThat(rows.get(1)).matches("2,[^,]+,root,('-[A-Za-z0-9_-]{42}|[A-Za-z0-9_][A-Za-z0-9_-]{42}),login,,ok,,[0-9a-f]{64}");
        assertThat(rows.get(4)).matches("5,\\d{4}-\\d\\d-\\d\\dT[^,]+Z,root,,operator_role_changed,,ok,"
                + "operator=ana role=auditor->viewer,[0-9a-f]{64}");

        assertThat(run("audit", "list", "--db", db(), "--since", "2999-01-01").out().lines()).hasSize(1);
        assertThat(run("audit", "list", "--db", db(), "--action", "operator_added").out().lines()).hasSize(3);
        Run badAction = run("audit", "list", "--db", db(), "--action", "teleport");
        assertThat(badAction.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badAction.err()).contains("unknown audit action 'teleport' (actions: operator_added,");
        assertThat(io.edgedeck.db.AuditCsv.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(io.edgedeck.db.AuditCsv.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
    }

    @Test
    void auditVerifyExitsZeroWhenIntactAndElevenNamingTheFirstBrokenEntry() throws Exception {
        threeOperatorChangesThatWork();
        Run ok = run("audit", "verify", "--db", db());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).matches("the audit log is intact: 5 entries, head 5 [0-9a-f]{64}\\n");

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db(), "sa", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entry SET operator = 'mallory' WHERE seq = 2");
        }
        Run altered = run("audit", "verify", "--db", db());
        assertThat(altered.exitCode()).isEqualTo(ExitCodes.AUDIT_TAMPERED);
        assertThat(altered.err()).contains("edgedeck: the audit log was tampered with: entry 2 was altered");

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db(), "sa", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entry SET operator = 'root' WHERE seq = 2");
            s.executeUpdate("DELETE FROM audit_entry WHERE seq = 5");
        }
        Run cut = run("audit", "verify", "--db", db());
        assertThat(cut.exitCode()).isEqualTo(ExitCodes.AUDIT_TAMPERED);
        assertThat(cut.err()).contains("entry 5 was removed from the end of the log");
    }

    private void threeOperatorChangesThatWork() throws Exception {
        CliPerson root = person("root");
        for (String[] args : List.of(
                new String[] {"operators", "add", "--db", db(), "--name", "root", "--role", "admin",
                    "--public-key", root.pub().toString()},
                args("operators", "add", "--db", db(), root.as(), "--name", "ana", "--role", "auditor",
                    "--public-key", publicKeyFile("ana", keyPair("secp256r1"))),
                args("operators", "disable", "--db", db(), root.as(), "--name", "ana"))) {
            Run r = run(args);
            assertThat(r.exitCode()).as(Arrays.toString(args) + r.err()).isZero();
        }
    }

    @Test
    void aNameWithCommaOrQuotesIsRefusedBeforeTouchingTheLog() throws Exception {
        rootThenAnOperatorWithAnUnusableName();
        try (LocalStore store = LocalStore.open(Path.of(db()))) {
            List<AuditRecord> all = store.audit().list(AuditQuery.all());
            assertThat(all).as("root's sign-in is recorded, the refused name is not an operator change")
                    .extracting(r -> r.entry().action()).containsExactly(AuditAction.OPERATOR_ADDED, AuditAction.LOGIN);
            assertThat(store.operators().list()).hasSize(1);
        }
    }
}
