package io.edgedeck.services;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditEntry;
import io.edgedeck.db.AuditLog;
import io.edgedeck.db.AuditOutcome;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.AuditRecord;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import io.edgedeck.db.Permission;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.command.CommandSender;
import io.edgedeck.link.command.CommandSigner;
import io.edgedeck.link.command.RateLimitExceededException;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.command.SignedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Relay commands from a signed-in operator, the one way the console and the CLI send them. In order:
 * <ol>
 *   <li>the operator as stored now (role, disabled, key not replaced) may send commands ({@link AccessPolicy}) —
 *       else audited {@code command_refused} and an {@link AccessRefusedException} with the policy's message;</li>
 *   <li>the device's rate limit (10 a minute) — else audited {@code command_refused} and a
 *       {@link RateLimitExceededException} with its message; nothing is signed;</li>
 *   <li>signed with the operator's key, audited {@code command_sent} / {@code sent} (with nonce and key id), so a
 *       crash before the answer still leaves the command on record;</li>
 *   <li>published; the device's answer audited as a second {@code command_sent} entry: {@code accepted},
 *       {@code rejected} with the device's reason, or {@code timeout}; a failed publish as {@code failed}.</li>
 * </ol>
 * {@link #send} returns at once: checks, audit writes and the round trip run on the executor given, and the future
 * completes with the outcome, or exceptionally with one of the exceptions above (or a {@code LinkException} when the
 * broker link failed). Thread-safe.
 */
public final class RelayControl {
    private static final Logger LOG = LoggerFactory.getLogger(RelayControl.class);
    /** How long {@link #send(SignedIn, String, RelayCommand)} waits for the device's answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final OperatorRegistry operators;
    private final AuditLog audit;
    private final CommandRateLimiter limiter;
    private final java.util.Set<String> devicesSeededFromAudit = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final CommandPublisher publisher;
    private final Clock clock;
    private final SecureRandom random;
    private final Executor executor;

    /**
     * @param limiter   the rate limit, shared by everything that sends from this process
     * @param publisher publishes signed commands and waits for answers ({@code CommandChannel::send})
     * @param clock     the time commands are signed with
     * @param executor  where checks, audit writes and answer handling run (never the UI thread)
     */
    public RelayControl(OperatorRegistry operators, AuditLog audit, CommandRateLimiter limiter,
                        CommandPublisher publisher, Clock clock, SecureRandom random, Executor executor) {
        this.operators = Objects.requireNonNull(operators, "operators");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    // ---- Properties ------------------------------------------------------------------------------------------------

    /**
     * Why this operator may not send commands, in words for a disabled switch's tooltip ("Viewer 'bob' may not send
     * commands to devices (only Admin and Technician may)"); empty when they may. {@code null} means nobody is signed
     * in. Looks at the operator as given; {@link #send} checks the stored state again.
     */
    public Optional<String> commandRefusal(Operator operator) {
        if (operator == null) {
            return Optional.of("sign in to send commands");
        }
        return AccessPolicy.refusal(operator, Permission.SEND_COMMAND);
    }

    /** Whether this operator may send commands (see {@link #commandRefusal}). */
    public boolean mayCommand(Operator operator) {
        return commandRefusal(operator).isEmpty();
    }

    // ---- Commands --------------------------------------------------------------------------------------------------

    /** {@link #send(SignedIn, String, RelayCommand, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public CompletableFuture<CommandOutcome> send(SignedIn who, String deviceId, RelayCommand command) {
        return send(who, deviceId, command, DEFAULT_TIMEOUT);
    }

    /**
     * Checks, signs, audits and publishes one command; returns at once.
     *
     * @return completes with ACCEPTED, REJECTED (device's reason) or TIMEOUT; exceptionally with
     *         {@link AccessRefusedException}, {@link RateLimitExceededException} or a {@code LinkException}
     */
    public CompletableFuture<CommandOutcome> send(SignedIn who, String deviceId, RelayCommand command,
                                                  Duration timeout) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (deviceId == null || deviceId.isBlank()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a command needs a device id"));
        }
        return CompletableFuture.supplyAsync(() -> checkSignAndAudit(who, deviceId, command), executor)
                .thenCompose(signed -> publish(signed, timeout)
                        .handleAsync((outcome, failure) -> recordOutcome(who, signed, outcome, failure), executor));
    }

    /** This operator's commands as a plain {@link CommandSender} (what code written against device-link takes). */
    public CommandSender senderFor(SignedIn who) {
        Objects.requireNonNull(who, "who");
        return (deviceId, command, timeout) -> send(who, deviceId, command, timeout);
    }

    // ---- inside ----------------------------------------------------------------------------------------------------

    private SignedCommand checkSignAndAudit(SignedIn who, String deviceId, RelayCommand command) {
        Optional<String> refusal = currentRefusal(who);
        if (refusal.isPresent()) {
            audit.append(AuditEntry.commandRefused(who.name(), deviceId, command.wireName(), refusal.get()));
            LOG.info("Command {} to {} refused: {}", command, deviceId, refusal.get());
            throw new AccessRefusedException(refusal.get());
        }
        try {
            rememberEarlierCommands(deviceId);
            limiter.acquire(deviceId);
        } catch (RateLimitExceededException e) {
            audit.append(AuditEntry.commandRefused(who.name(), deviceId, command.wireName(), e.getMessage()));
            LOG.info("Command {} to {} refused: {}", command, deviceId, e.getMessage());
            throw e;
        }
        SignedCommand signed = new CommandSigner(who.key(), clock, random).sign(deviceId, command);
        audit.append(AuditEntry.command(who.name(), signed.keyId(), deviceId, command.wireName(), signed.nonce(),
                AuditOutcome.SENT, null));
        return signed;
    }

    /**
     * The first time this process sends to a device, the commands the audit log shows for it within the limit's
     * window count too: one {@code ./edgedeck command} run after another must not get around the limit.
     */
    private void rememberEarlierCommands(String deviceId) {
        if (!devicesSeededFromAudit.add(deviceId)) return;
        Instant since = clock.instant().minus(limiter.window());
        List<Instant> earlier = audit.list(AuditQuery.all().device(deviceId).action(AuditAction.COMMAND_SENT).since(since))
                .stream().filter(r -> r.entry().outcome() == AuditOutcome.SENT) // not the answers logged later
                .map(AuditRecord::time).toList();
        limiter.remember(deviceId, earlier);
    }

    /** A publisher that throws instead of failing its future still ends up audited as failed. */
    private CompletableFuture<CommandOutcome> publish(SignedCommand signed, Duration timeout) {
        try {
            return publisher.publish(signed, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The refusal for the operator as stored now: disabled, role changed, key replaced, removed. */
    private Optional<String> currentRefusal(SignedIn who) {
        Optional<Operator> now = operators.find(who.name());
        if (now.isEmpty()) {
            return Optional.of("there is no operator '" + who.name() + "' any more");
        }
        if (!now.get().keyId().equals(who.key().keyId())) {
            return Optional.of("the key of operator '" + who.name() + "' has been replaced; sign in again");
        }
        return AccessPolicy.refusal(now.get(), Permission.SEND_COMMAND);
    }

    private CommandOutcome recordOutcome(SignedIn who, SignedCommand signed, CommandOutcome outcome,
                                         Throwable failure) {
        String device = signed.deviceId();
        String cmd = signed.command().wireName();
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            audit.append(AuditEntry.command(who.name(), signed.keyId(), device, cmd, signed.nonce(),
                    AuditOutcome.FAILED, String.valueOf(cause.getMessage())));
            throw new CompletionException(cause);
        }
        AuditOutcome audited = switch (outcome.result()) {
            case ACCEPTED -> AuditOutcome.ACCEPTED;
            case REJECTED -> AuditOutcome.REJECTED;
            case TIMEOUT -> AuditOutcome.TIMEOUT;
        };
        audit.append(AuditEntry.command(who.name(), signed.keyId(), device, cmd, signed.nonce(), audited,
                outcome.reason() == null ? null : outcome.reason().wireName()));
        return outcome;
    }
}
