package io.edgedeck.db;

import java.util.Objects;

/**
 * Something the decoder wants a person to know about a message it understood but did not turn into readings: a
 * retained Tasmota command that will switch a plug by itself, a Home Assistant discovery message that added or removed
 * a device's fields, a status message with nothing EdgeDeck stores. Not stored in the database; the ingest pipeline
 * logs warnings (once per topic) and counts them, and listeners see them with the committed batch.
 *
 * @param topic   the message's topic
 * @param level   how much it matters
 * @param message one sentence for a person
 */
public record DecodeNote(String topic, Level level, String message, long receivedMillis) {
    public enum Level {
        /** Understood and nothing to store, or configuration learnt from the message. */
        INFO,
        /** Understood, but something is likely wrong in the fleet and a person should act. */
        WARNING
    }

    public DecodeNote {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    public boolean isWarning() {
        return level == Level.WARNING;
    }
}
