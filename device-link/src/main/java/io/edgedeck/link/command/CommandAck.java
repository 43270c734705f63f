package io.edgedeck.link.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's answer to a command, published on {@code smartplug/{id}/status}:
 * {@code {"status":"on","nonce":"…","result":"accepted"}} or
 * {@code {"status":"off","nonce":"…","result":"rejected","reason":"expired"}}. The relay state is always there, so
 * the console's plain status decoding keeps working; {@code nonce} is left out when the command was unreadable.
 *
 * @param relayOn the relay state after handling the command
 * @param nonce   the nonce of the command answered, or null
 * @param reason  null when accepted, else why it was refused
 */
public record CommandAck(boolean relayOn, String nonce, RejectReason reason) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CommandAck accepted(boolean relayOn, String nonce) {
        return new CommandAck(relayOn, Objects.requireNonNull(nonce, "nonce"), null);
    }

    public static CommandAck rejected(boolean relayOn, String nonce, RejectReason reason) {
        return new CommandAck(relayOn, nonce, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isAccepted() {
        return reason == null;
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", relayOn ? "on" : "off");
        if (nonce != null) n.put("nonce", nonce);
        n.put("result", isAccepted() ? "accepted" : "rejected");
        if (reason != null) n.put("reason", reason.wireName());
        return n.toString();
    }

    /**
     * The acknowledgement in a status payload; empty for status messages that are no acknowledgement
     * ({@code {"status":"on"}}, {@code {"status":"offline"}}, anything unreadable).
     */
    public static Optional<CommandAck> parse(byte[] payload) {
        try {
            JsonNode n = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            if (n == null || !n.isObject() || !n.path("result").isTextual()) return Optional.empty();
            String status = n.path("status").asText("");
            if (!status.equals("on") && !status.equals("off")) return Optional.empty();
            String nonce = n.path("nonce").isTextual() ? n.get("nonce").asText() : null;
            return switch (n.get("result").asText()) {
                case "accepted" -> nonce == null ? Optional.empty() : Optional.of(accepted(status.equals("on"), nonce));
                case "rejected" -> Optional.of(rejected(status.equals("on"), nonce, reasonOf(n)));
                default -> Optional.empty();
            };
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static RejectReason reasonOf(JsonNode n) {
        try {
            return RejectReason.fromWire(n.path("reason").asText(""));
        } catch (IllegalArgumentException unknownToUs) {
            return RejectReason.MALFORMED; // a newer firmware's reason: still a rejection
        }
    }
}
