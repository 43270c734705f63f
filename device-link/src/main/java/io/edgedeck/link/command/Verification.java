package io.edgedeck.link.command;

import java.util.Objects;

/**
 * What a device decided about one command.
 *
 * @param command the command to carry out (accepted only)
 * @param nonce   the token's nonce when it could be read, also on most rejections, so the acknowledgement can name
 *                the command it answers; null when the token was unreadable
 * @param keyId   the token's {@code kid} when it could be read, else null
 * @param reason  why it was refused (rejected only)
 * @param detail  a sentence for the device's log (never secret: tokens hold no secrets)
 */
public record Verification(RelayCommand command, String nonce, String keyId, RejectReason reason, String detail) {
    public Verification {
        if ((command == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of command and reason");
        }
        Objects.requireNonNull(detail, "detail");
    }

    public static Verification accepted(RelayCommand command, String nonce, String keyId) {
        return new Verification(command, Objects.requireNonNull(nonce), Objects.requireNonNull(keyId), null, "accepted");
    }

    public static Verification rejected(RejectReason reason, String nonce, String keyId, String detail) {
        return new Verification(null, nonce, keyId, Objects.requireNonNull(reason), detail);
    }

    public boolean isAccepted() {
        return command != null;
    }
}
