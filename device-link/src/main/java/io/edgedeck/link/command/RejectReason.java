package io.edgedeck.link.command;

import java.util.Locale;

/** Why a device refused a command; {@link #wireName()} is the {@code reason} in its acknowledgement. */
public enum RejectReason {
    /** Not a JWS compact token, not ES256, wrong {@code typ}, or a claim missing or of the wrong type (also: unsigned plain text). */
    MALFORMED("malformed", "the command was not a valid signed command"),
    /** No trusted operator key has the token's {@code kid}. */
    UNKNOWN_KEY("unknown_key", "the device does not trust the key that signed it"),
    /** The signature does not match the token under the trusted key. */
    BAD_SIGNATURE("bad_signature", "the signature does not match"),
    /** The {@code dev} claim names another device. */
    WRONG_DEVICE("wrong_device", "the command was meant for another device"),
    /** {@code exp} lies more than the clock-skew allowance in the past. */
    EXPIRED("expired", "the command had expired (check both clocks)"),
    /** {@code iat} lies more than the clock-skew allowance in the future. */
    NOT_YET_VALID("not_yet_valid", "the command is dated in the future (check both clocks)"),
    /** The nonce was seen before within the expiry window (or the device's nonce memory is full). */
    REPLAYED("replayed", "the device has seen this command before"),
    /** A well-signed command the device does not know. */
    UNSUPPORTED_COMMAND("unsupported_command", "the device does not support this command");

    private final String wireName;
    private final String explanation;

    RejectReason(String wireName, String explanation) {
        this.wireName = wireName;
        this.explanation = explanation;
    }

    public String wireName() {
        return wireName;
    }

    /** A short sentence for people. */
    public String explanation() {
        return explanation;
    }

    /** The reason with this wire name; {@link #MALFORMED} is not a fallback: unknown names throw. */
    public static RejectReason fromWire(String wire) {
        for (RejectReason r : values()) {
            if (r.wireName.equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reject reason '" + wire + "'");
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
