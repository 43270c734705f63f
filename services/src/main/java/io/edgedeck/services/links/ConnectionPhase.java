package io.edgedeck.services.links;

import io.edgedeck.link.mqtt.ConnectionEvent;
import io.edgedeck.link.mqtt.LinkState;

import java.util.List;

/** A live connection's state as a person reads it: the link's state, with a link that gave up called "failed". */
public enum ConnectionPhase {
    CONNECTING("connecting"), CONNECTED("connected"), RECONNECTING("reconnecting"), FAILED("failed"),
    DISCONNECTED("disconnected");

    private final String word;

    ConnectionPhase(String word) {
        this.word = word;
    }

    /** "connected", "failed", … */
    public String word() {
        return word;
    }

    /**
     * The phase of a link in {@code state} whose log is {@code log} (oldest first): a disconnected link whose last
     * change came with a cause other than our own closing failed (it could not connect and keeps trying, or gave up).
     */
    public static ConnectionPhase of(LinkState state, List<ConnectionEvent> log, boolean retrying) {
        return switch (state) {
            case CONNECTING -> retrying ? RECONNECTING : CONNECTING;
            case CONNECTED -> CONNECTED;
            case RECONNECTING -> RECONNECTING;
            case DISCONNECTED -> log.isEmpty() || log.getLast().cause().isBlank() ? DISCONNECTED : FAILED;
        };
    }
}
