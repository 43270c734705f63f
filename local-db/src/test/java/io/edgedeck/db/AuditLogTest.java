package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The audit log's hash chain on real H2 files, tampered with by plain SQL as someone with the file could. */
class AuditLogTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("audit");
    }

    private static AuditEntry entry(int i) {
        return switch (i % 3) {
            case 0 -> AuditEntry.command("ana", "kid-ana", "plug-" + i, "relay_on", "nonce-" + i,
                    AuditOutcome.ACCEPTED, null);
            case 1 -> AuditEntry.commandRefused("bob", "plug-" + i, "relay_off", "Viewer 'bob' may not send commands");
            default -> AuditEntry.login("carla", "kid-carla");
        };
    }

    /** Writes {@code n} entries one second apart from T0, then closes the store. */
    private void writeEntries(int n) {
        try (LocalStore store = LocalStore.open(file(), new SteppingClock(T0, 1000))) {
            for (int i = 1; i <= n; i++) {
                store.audit().append(entry(i));
            }
        }
    }

    /** Runs plain SQL against the closed database file, as a person with a SQL tool could. */
    private void tamper(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file(), "sa", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isPositive();
        }
    }

    private AuditVerification verify() {
        try (LocalStore store = LocalStore.open(file())) {
            return store.audit().verify();
        }
    }

    @Test
    void anEmptyLogIsIntact() {
        try (LocalStore store = LocalStore.open(file())) {
            assertThat(store.audit().verify()).isEqualTo(new AuditVerification.Intact(0, "00".repeat(32)));
        }
    }

    @Test
    void entriesAreChainedStoredAsWrittenAndVerifyAfterReopening() {
        AuditRecord first;
        AuditRecord second;
        try (LocalStore store = LocalStore.open(file(), new SteppingClock(T0, 1000))) {
            first = store.audit().append(entry(3));
            second = store.audit().append(entry(4));
        }
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(new byte[32]);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isNotEqualTo(first.hash());
        try (LocalStore store = LocalStore.open(file())) {
            List<AuditRecord> all = store.audit().list(AuditQuery.all());
            assertThat(all).hasSize(2);
            assertThat(all.get(0).entry()).isEqualTo(entry(3));
            assertThat(all.get(0).time()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(all.get(1).entry().detail()).isEqualTo("command=relay_off reason=Viewer 'bob' may not send commands");
            assertThat(all.get(1).hash()).isEqualTo(second.hash());
            assertThat(store.audit().verify()).isEqualTo(new AuditVerification.Intact(2, second.hashHex()));
        }
    }

    @Test
    void theHashCoversEveryFieldAndFieldBoundaries() {
        byte[] base = AuditChain.hash(AuditChain.GENESIS, 1, T0, "ana", "k", "login", "d", "x", "ok");
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, T0, "ana", "k", "login", "d", "x", "ok")).isEqualTo(base);
        List<byte[]> variants = List.of(
                AuditChain.hash(new byte[] {1}, 1, T0, "ana", "k", "login", "d", "x", "ok"),
                AuditChain.hash(AuditChain.GENESIS, 2, T0, "ana", "k", "login", "d", "x", "ok"),
                AuditChain.hash(AuditChain.GENESIS, 1, T0 + 1, "ana", "k", "login", "d", "x", "ok"),
                AuditChain.hash(AuditChain.GENESIS, 1, T0, "an", "ak", "login", "d", "x", "ok"),
                AuditChain.hash(AuditChain.GENESIS, 1, T0, "ana", null, "login", "d", "x", "ok"),
                AuditChain.hash(AuditChain.GENESIS, 1, T0, "ana", "", "login", "d", "x", "ok"),
                AuditChain.hash(AuditChain.GENESIS, 1, T0, "ana", "k", "login", "dx", "", "ok"),
                AuditChain.hash(AuditChain.GENESIS, 1, T0, "ana", "k", "login", "d", "x", "refused"));
        for (byte[] v : variants) {
            assertThat(v).isNotEqualTo(base);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "at = at + 1",
        "operator = 'mallory'",
        "key_id = 'kid-mallory'",
        "action = 'login'",
        "device = 'plug-99'",
        "device = NULL",
        "detail = 'command=relay_off nonce=nonce-6'",
        "outcome = 'rejected'",
        "hash = X'1111111111111111111111111111111111111111111111111111111111111111'",
    })
    void alteringAnyFieldOfAMiddleEntryIsFound(String change) throws Exception {
        writeEntries(10);
        tamper("UPDATE audit_entry SET " + change + " WHERE seq = 6");

        AuditVerification v = verify();
        assertThat(v).isEqualTo(new AuditVerification.Broken(6, "entry 6 was altered (its content does not match its hash)"));
        assertThat(v.intact()).isFalse();
        assertThat(v.message()).startsWith("the audit log was tampered with: entry 6 was altered");
    }

    @Test
    void alteringTheLinkOfAMiddleEntryIsFound() throws Exception {
        writeEntries(10);
        tamper("UPDATE audit_entry SET prev_hash = X'" + "22".repeat(32) + "' WHERE seq = 6");
        assertThat(verify()).isEqualTo(new AuditVerification.Broken(6,
                "entry 6 was altered, or an entry before it was replaced (its link to entry 5 does not match)"));
    }

    @Test
    void rewritingAnEntryWithAFreshHashIsFoundAtTheNextLink() throws Exception {
        writeEntries(10);
        byte[] prev;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT hash FROM audit_entry WHERE seq = 5")) {
            rs.next();
            prev = rs.getBytes(1);
        }
        AuditEntry forged = AuditEntry.command("ana", "kid-ana", "plug-6", "relay_off", "nonce-6", AuditOutcome.ACCEPTED,
                null);
        byte[] forgedHash = AuditChain.hash(prev, 6, T0 + 5000, forged);
        tamper("UPDATE audit_entry SET detail = '" + forged.detail() + "', action = 'command_sent', outcome = 'accepted',"
                + " operator = 'ana', key_id = 'kid-ana', device = 'plug-6', hash = X'"
                + HexFormat.of().formatHex(forgedHash) + "' WHERE seq = 6");
        AuditVerification v = verify();
        assertThat(v).isInstanceOf(AuditVerification.Broken.class);
        assertThat(((AuditVerification.Broken) v).seq()).isEqualTo(7);
        assertThat(v.message()).contains("its link to entry 6 does not match");
    }

    @Test
    void deletingAMiddleEntryIsFound() throws Exception {
        writeEntries(10);
        tamper("DELETE FROM audit_entry WHERE seq = 4");
        assertThat(verify()).isEqualTo(new AuditVerification.Broken(4, "entry 4 was removed"));
    }

    @Test
    void deletingTheFirstEntriesIsFound() throws Exception {
        writeEntries(10);
        tamper("DELETE FROM audit_entry WHERE seq <= 2");
        assertThat(verify()).isEqualTo(new AuditVerification.Broken(1, "entries 1 to 2 were removed"));
    }

    @Test
    void cuttingOffTheEndIsFoundThroughTheHead() throws Exception {
        writeEntries(10);
        tamper("DELETE FROM audit_entry WHERE seq >= 8");
        assertThat(verify()).isEqualTo(new AuditVerification.Broken(8,
                "entries 8 to 10 were removed from the end of the log (its head records 10 entries)"));
    }

    @Test
    void cuttingOffTheLastEntryAndMovingTheHeadBackIsFoundByTheHeadHash() throws Exception {
        writeEntries(10);
        tamper("DELETE FROM audit_entry WHERE seq = 10");
        tamper("UPDATE audit_head SET seq = 9");
        assertThat(verify()).isEqualTo(new AuditVerification.Broken(9,
                "entry 9 was altered or replaced (it does not match the log's head)"));
    }

    @Test
    void removingTheHeadOrAddingEntriesBeyondItIsFound() throws Exception {
        writeEntries(3);
        tamper("INSERT INTO audit_entry SELECT seq + 1, at, operator, key_id, action, device, detail, outcome, hash, "
                + "hash FROM audit_entry WHERE seq = 3");
        assertThat(verify()).isEqualTo(new AuditVerification.Broken(4,
                "entry 4 was added behind EdgeDeck's back (it lies beyond the log's head)"));
        tamper("DELETE FROM audit_head");
        assertThat(verify()).isEqualTo(new AuditVerification.Broken(1,
                "the log's head record (last entry and its hash) was removed"));
    }

    @Test
    void concurrentAppendsFromFourThreadsKeepOneValidChain() throws Exception {
        int threads = 4;
        int perThread = 150;
        try (LocalStore store = LocalStore.open(file())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        seqs.add(store.audit().append(AuditEntry.alarmAcknowledged("op-" + thread, "plug-" + i,
                                "over-power")).seq());
                    }
                    return seqs;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            pool.shutdown();
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            assertThat(store.audit().count()).isEqualTo(threads * perThread);
            assertThat(store.audit().verify()).isInstanceOf(AuditVerification.Intact.class)
                    .extracting(v -> ((AuditVerification.Intact) v).entries()).isEqualTo((long) threads * perThread);
        }
    }

    @Test
    void verifyAndListWalkLogsLongerThanOnePage() throws Exception {
        int n = 2_500;
        try (LocalStore store = LocalStore.open(file(), new SteppingClock(T0, 1000))) {
            for (int i = 1; i <= n; i++) {
                store.audit().append(entry(i));
            }
            assertThat(store.audit().verify().intact()).isTrue();
            assertThat(store.audit().list(AuditQuery.all())).hasSize(n)
                    .extracting(AuditRecord::seq).isSorted().startsWith(1L).endsWith((long) n);
        }
        tamper("UPDATE audit_entry SET detail = 'x' WHERE seq = 2100");
        assertThat(verify()).extracting(v -> ((AuditVerification.Broken) v).seq()).isEqualTo(2100L);
    }

    @Test
    void listFiltersByOperatorIgnoringCaseDeviceActionAndTime() {
        writeEntries(12);
        try (LocalStore store = LocalStore.open(file())) {
            AuditLog log = store.audit();
            assertThat(log.list(AuditQuery.all().operator("ANA"))).extracting(AuditRecord::seq)
                    .containsExactly(3L, 6L, 9L, 12L);
            assertThat(log.list(AuditQuery.all().device("plug-4"))).extracting(AuditRecord::seq).containsExactly(4L);
            assertThat(log.list(AuditQuery.all().action(AuditAction.LOGIN))).extracting(AuditRecord::seq)
                    .containsExactly(2L, 5L, 8L, 11L);
            // entry i was written at T0 + (i - 1) s
            assertThat(log.list(AuditQuery.all().since(Instant.ofEpochMilli(T0 + 9_000)))).extracting(AuditRecord::seq)
                    .containsExactly(10L, 11L, 12L);
            assertThat(log.list(AuditQuery.all().until(Instant.ofEpochMilli(T0 + 2_000)))).extracting(AuditRecord::seq)
                    .containsExactly(1L, 2L);
            assertThat(log.list(AuditQuery.all().operator("ana").limit(2))).extracting(AuditRecord::seq)
                    .containsExactly(3L, 6L);
            assertThat(log.list(AuditQuery.all().operator("nobody"))).isEmpty();
        }
    }

    @Test
    void overlongTextsAreCutBeforeHashingSoTheStoredEntryVerifies() {
        try (LocalStore store = LocalStore.open(file())) {
            AuditRecord r = store.audit().append(AuditEntry.alarmAcknowledged("ana", "d".repeat(10_000), "x".repeat(50_000)));
            assertThat(r.entry().detail()).hasSize(AuditLog.MAX_TEXT + 1).endsWith("…");
            assertThat(store.audit().list(AuditQuery.all()).getFirst().entry()).isEqualTo(r.entry());
            assertThat(store.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void anEntryWithAnUnknownActionIsReportedInWordsWhenListed() throws Exception {
        writeEntries(2);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file(), "sa", "");
             PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET action = ? WHERE seq = 2")) {
            ps.setString(1, "teleport");
            ps.executeUpdate();
        }
        try (LocalStore store = LocalStore.open(file())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.audit().list(AuditQuery.all()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("audit entry 2").hasMessageContaining("unknown audit action 'teleport'");
            assertThat(store.audit().verify()).extracting(v -> ((AuditVerification.Broken) v).seq()).isEqualTo(2L);
        }
    }
}
