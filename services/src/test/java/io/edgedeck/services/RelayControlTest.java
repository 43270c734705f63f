package io.edgedeck.services;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditEntry;
import io.edgedeck.db.AuditOutcome;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.AuditRecord;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Role;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.command.RateLimitExceededException;
import io.edgedeck.link.command.RejectReason;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.CommandChannel;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Relay commands end to end with real parts: an H2 file, the embedded HiveMQ broker, a command channel, and simulated
 * plugs that trust {@link FleetTrust} (the operators registered in that same database).
 */
class RelayControlTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static LocalStore store;
    private static EmbeddedBroker broker;
    private static FleetSimulator fleet;
    private static CommandChannel channel;
    private static ExecutorService executor;
    private static OperatorSession session;
    private static SignedIn root;
    private static final AtomicInteger published = new AtomicInteger();

    @BeforeAll
    static void start() {
        store = LocalStore.open(dir.resolve("console"));
        session = new OperatorSession(store.operators(), store.audit(), KeyRing.inDataFolder(dir));
        root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.createOperator(root, "ana", Role.TECHNICIAN, "ana-passphrase".toCharArray());
        session.createOperator(root, "vic", Role.VIEWER, "vic-passphrase".toCharArray());
        session.createOperator(root, "dan", Role.TECHNICIAN, "dan-passphrase".toCharArray());
        broker = EmbeddedBroker.start(0);
        fleet = new FleetSimulator(BrokerSettings.of(broker.uri(), "unused"), new SimulationConfig(7, 0, 1.0, 7),
                FleetSimulator.Timing.realistic().withoutDrops(), ZoneOffset.UTC, new FleetTrust(store.operators()),
                Clock.systemUTC());
        fleet.start();
        channel = CommandChannel.connect(BrokerSettings.of(broker.uri(), "console-commands"), WAIT);
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        if (executor != null) executor.shutdownNow();
        if (channel != null) channel.close();
        if (fleet != null) fleet.close();
        if (broker != null) broker.close();
        if (store != null) store.close();
    }

    @AfterEach
    void auditChainStillVerifies() {
        assertThat(store.audit().verify().intact()).as(store.audit().verify().message()).isTrue();
    }

    private static RelayControl relays(Clock clock) {
        CommandPublisher counting = (command, timeout) -> {
            published.incrementAndGet();
            return channel.send(command, timeout);
        };
        return new RelayControl(store.operators(), store.audit(), new CommandRateLimiter(Clock.systemUTC()), counting,
                clock, new SecureRandom(), executor);
    }

    private static List<AuditRecord> audited(String device) {
        return store.audit().list(AuditQuery.all().device(device));
    }

    private static Throwable failureOf(java.util.concurrent.CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the command to fail");
    }

    @Test
    void aTechniciansCommandIsAcceptedAndAuditedWithNonceAndKeyId() {
        SignedIn ana = session.signIn("ana", "ana-passphrase".toCharArray());

        CommandOutcome o = relays(Clock.systemUTC()).send(ana, "sim-plug-01", RelayCommand.RELAY_OFF).join();

        assertThat(o.result()).as(o.describe()).isEqualTo(CommandOutcome.Result.ACCEPTED);
        assertThat(o.relayOn()).isFalse();
        List<AuditEntry> log = audited("sim-plug-01").stream().map(AuditRecord::entry).toList();
        String detail = "command=relay_off nonce=" + o.command().nonce();
        assertThat(log).containsExactly(
                new AuditEntry("ana", ana.key().keyId(), AuditAction.COMMAND_SENT, "sim-plug-01", detail, AuditOutcome.SENT),
                new AuditEntry("ana", ana.key().keyId(), AuditAction.COMMAND_SENT, "sim-plug-01", detail,
                        AuditOutcome.ACCEPTED));
        System.out.printf("[relay] checked, signed, audited twice and accepted in %d ms round trip%n",
                o.waited().toMillis());
    }

    @Test
    void aViewerIsRefusedAuditedAndNothingIsPublished() {
        SignedIn vic = session.signIn("vic", "vic-passphrase".toCharArray());
        RelayControl relays = relays(Clock.systemUTC());
        assertThat(relays.commandRefusal(vic.operator()))
                .contains("Viewer 'vic' may not send commands to devices (only Admin and Technician may)");
        int before = published.get();

        Throwable failure = failureOf(relays.send(vic, "sim-plug-02", RelayCommand.RELAY_OFF));

        assertThat(failure).isInstanceOf(AccessRefusedException.class)
                .hasMessage("Viewer 'vic' may not send commands to devices (only Admin and Technician may)");
        assertThat(published.get()).as("nothing published").isEqualTo(before);
        assertThat(audited("sim-plug-02")).singleElement().satisfies(r -> {
            assertThat(r.entry().action()).isEqualTo(AuditAction.COMMAND_REFUSED);
            assertThat(r.entry().operator()).isEqualTo("vic");
            assertThat(r.entry().outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(r.entry().detail()).isEqualTo("command=relay_off reason=Viewer 'vic' may not send commands "
                    + "to devices (only Admin and Technician may)");
        });
    }

    @Test
    void anOperatorDisabledAfterSigningInIsRefusedAndNoLongerTrustedByTheFleet() {
        SignedIn dan = session.signIn("dan", "dan-passphrase".toCharArray());
        FleetTrust trust = new FleetTrust(store.operators());
        assertThat(trust.find(dan.key().keyId())).isPresent();
        store.operators().disable(root.operator(), "dan");

        Throwable failure = failureOf(relays(Clock.systemUTC()).send(dan, "sim-plug-03", RelayCommand.RELAY_ON));

        assertThat(failure).isInstanceOf(AccessRefusedException.class)
                .hasMessage("operator 'dan' is disabled and may not send commands to devices");
        assertThat(audited("sim-plug-03")).extracting(r -> r.entry().action()).containsExactly(AuditAction.COMMAND_REFUSED);
        assertThat(trust.find(dan.key().keyId())).as("a disabled operator's key is not trusted").isEmpty();
    }

    @Test
    void theEleventhCommandInAMinuteIsRefusedBeforeSigningAndAudited() {
        SignedIn ana = session.signIn("ana", "ana-passphrase".toCharArray());
        RelayControl relays = relays(Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            assertThat(relays.send(ana, "sim-plug-04", RelayCommand.RELAY_TOGGLE).join().result())
                    .isEqualTo(CommandOutcome.Result.ACCEPTED);
        }
        int before = published.get();

        Throwable failure = failureOf(relays.send(ana, "sim-plug-04", RelayCommand.RELAY_TOGGLE));

        assertThat(failure).isInstanceOf(RateLimitExceededException.class)
                .hasMessageStartingWith("sim-plug-04 already had 10 commands in the last minute; next allowed in ");
        assertThat(published.get()).isEqualTo(before);
        List<AuditRecord> log = audited("sim-plug-04");
        assertThat(log).hasSize(21);
        assertThat(log.getLast().entry().action()).isEqualTo(AuditAction.COMMAND_REFUSED);
        assertThat(log.getLast().entry().detail()).startsWith("command=relay_toggle reason=sim-plug-04 already had 10");
    }

    @Test
    void commandsOfAnEarlierRunCountTowardsTheLimit() {
        SignedIn ana = session.signIn("ana", "ana-passphrase".toCharArray());
        RelayControl firstRun = relays(Clock.systemUTC());
        for (int i = 0; i < 7; i++) {
            firstRun.send(ana, "sim-plug-07", RelayCommand.RELAY_TOGGLE).join();
        }
        // a second `./edgedeck command` process: a new RelayControl with a fresh limiter on the same database
        RelayControl secondRun = relays(Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            assertThat(secondRun.send(ana, "sim-plug-07", RelayCommand.RELAY_TOGGLE).join().result())
                    .isEqualTo(CommandOutcome.Result.ACCEPTED);
        }

        assertThat(failureOf(secondRun.send(ana, "sim-plug-07", RelayCommand.RELAY_TOGGLE)))
                .isInstanceOf(RateLimitExceededException.class);
        assertThat(failureOf(relays(Clock.systemUTC()).send(ana, "sim-plug-07", RelayCommand.RELAY_TOGGLE)))
                .as("a third run too").isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void aDevicesRejectionIsAuditedWithItsReason() {
        SignedIn ana = session.signIn("ana", "ana-passphrase".toCharArray());
        // the console's clock is 6 minutes behind the plug's: the command has expired when it arrives
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));

        CommandOutcome o = relays(behind).send(ana, "sim-plug-05", RelayCommand.RELAY_ON).join();

        assertThat(o.result()).isEqualTo(CommandOutcome.Result.REJECTED);
        assertThat(o.reason()).isEqualTo(RejectReason.EXPIRED);
        assertThat(audited("sim-plug-05").getLast().entry()).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REJECTED);
            assertThat(e.detail()).isEqualTo("command=relay_on nonce=" + o.command().nonce() + " reason=expired");
        });
    }

    @Test
    void aDeviceThatNeverAnswersIsAuditedAsTimeoutWithoutBlockingTheCaller() {
        SignedIn ana = session.signIn("ana", "ana-passphrase".toCharArray());
        long t0 = System.nanoTime();

        var pending = relays(Clock.systemUTC()).send(ana, "sim-plug-99", RelayCommand.RELAY_ON, Duration.ofMillis(1500));

        long returnedAfterMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(returnedAfterMs).as("send returns before the round trip").isLessThan(1000);
        assertThat(pending).isNotDone();
        CommandOutcome o = pending.join();
        assertThat(o.result()).isEqualTo(CommandOutcome.Result.TIMEOUT);
        assertThat(audited("sim-plug-99")).extracting(r -> r.entry().outcome())
                .containsExactly(AuditOutcome.SENT, AuditOutcome.TIMEOUT);
    }

    @Test
    void anAdminMayCommandAndTheSenderAdapterGoesThroughTheSameChecks() {
        CommandOutcome o = relays(Clock.systemUTC()).senderFor(root).send("sim-plug-06", RelayCommand.RELAY_ON, WAIT)
                .join();
        assertThat(o.result()).isEqualTo(CommandOutcome.Result.ACCEPTED);
        assertThat(audited("sim-plug-06")).extracting(r -> r.entry().operator()).containsOnly("root");
    }
}
