package io.edgedeck.link.command;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sent command ended.
 *
 * @param result    ACCEPTED (the device switched), REJECTED (it refused, see {@code reason}) or TIMEOUT (no answer)
 * @param command   the command as sent (nonce, key id, device: what an audit entry records)
 * @param relayOn   the relay state the device reported (null on TIMEOUT)
 * @param reason    why the device refused (REJECTED only)
 * @param waited    from publishing to the answer, or the timeout
 */
public record CommandOutcome(Result result, SignedCommand command, Boolean relayOn, RejectReason reason, Duration waited) {
    public enum Result { ACCEPTED, REJECTED, TIMEOUT }

    public CommandOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(waited, "waited");
        if ((result == Result.REJECTED) != (reason != null)) {
            throw new IllegalArgumentException("a reason exactly when rejected");
        }
    }

    public static CommandOutcome of(SignedCommand command, CommandAck ack, Duration waited) {
        return new CommandOutcome(ack.isAccepted() ? Result.ACCEPTED : Result.REJECTED, command, ack.relayOn(),
                ack.reason(), waited);
    }

    public static CommandOutcome timeout(SignedCommand command, Duration waited) {
        return new CommandOutcome(Result.TIMEOUT, command, null, null, waited);
    }

    /** One line for people: "sim-plug-01 accepted relay_off: relay is off (0.12 s)". */
    public String describe() {
        String took = String.format(java.util.Locale.ROOT, "%.2f s", waited.toMillis() / 1000.0);
        return switch (result) {
            case ACCEPTED -> command.deviceId() + " accepted " + command.command() + ": relay is "
                    + (relayOn ? "on" : "off") + " (" + took + ")";
            case REJECTED -> command.deviceId() + " rejected " + command.command() + ": " + reason.wireName() + " — "
                    + reason.explanation() + " (relay is " + (relayOn ? "on" : "off") + ")";
            case TIMEOUT -> "no answer from " + command.deviceId() + " to " + command.command() + " within " + took
                    + " (is it online?)";
        };
    }
}
