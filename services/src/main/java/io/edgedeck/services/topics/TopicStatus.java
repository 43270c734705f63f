package io.edgedeck.services.topics;

/** What EdgeDeck makes of a topic's messages. */
public enum TopicStatus {
    /** The current mapping (or a built-in format) decodes it: readings, availability, or a message it knowingly skips. */
    UNDERSTOOD("understood"),
    /** A rule matches the topic but its last payload could not be decoded (it went to quarantine). */
    NOT_DECODED("not decoded"),
    /** No rule matches the topic: a device EdgeDeck does not know yet. */
    UNKNOWN("unknown"),
    /** The broker's own {@code $SYS/…} statistics. */
    SYSTEM("broker"),
    /** A branch without messages of its own. */
    NONE("");

    private final String label;

    TopicStatus(String label) {
        this.label = label;
    }

    /** "understood", "unknown", … as the explorer's badge says it. */
    public String label() {
        return label;
    }

    /** Counted and filtered as "unknown": nothing EdgeDeck stores comes of it. */
    public boolean needsMapping() {
        return this == UNKNOWN || this == NOT_DECODED;
    }
}
