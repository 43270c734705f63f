package io.edgedeck.link.command;

import java.time.Duration;

/** The fixed numbers and names of the signed command protocol (docs/command-protocol.md). */
public final class CommandProtocol {
    /** JWS header {@code typ} of a relay command. */
    public static final String TYPE = "edgedeck-cmd+jwt";
    /** A command is valid this long after its {@code iat}; {@code exp} must not be later than that. */
    public static final Duration LIFETIME = Duration.ofSeconds(300);
    /** Clock difference a device tolerates between its clock and the console's. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Random bytes in a nonce (128 bits), base64url without padding = 22 characters. */
    public static final int NONCE_BYTES = 16;

    private CommandProtocol() {
    }

    /** Where the console publishes commands for a plug (QoS 1). */
    public static String controlTopic(String deviceId) {
        return "smartplug/" + deviceId + "/control";
    }

    /** Where the plug publishes its relay state and the acknowledgement of a command. */
    public static String statusTopic(String deviceId) {
        return "smartplug/" + deviceId + "/status";
    }
}
