package io.edgedeck.services.topics;

/**
 * The last message of one topic, for the explorer's detail pane.
 *
 * @param payload      its first bytes (at most 64 KiB), {@code payloadSize} in full
 * @param statusDetail what was read, or why not
 */
public record TopicDetail(String source, String topic, byte[] payload, int payloadSize, boolean retained, int qos,
                          long lastMillis, long ownMessages, long branchMessages, double rate, TopicStatus status,
                          String statusDetail) {
    /** True when the topic had messages of its own (a bare branch has none). */
    public boolean hasMessage() {
        return ownMessages > 0;
    }
}
