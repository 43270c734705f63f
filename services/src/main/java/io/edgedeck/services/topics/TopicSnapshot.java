package io.edgedeck.services.topics;

/**
 * One node of the topic tree as it is now.
 *
 * @param path         the topic (or the topic prefix of a branch); "" for the connection's root
 * @param name         the last level ("meter-7"); the connection's name for its root
 * @param messages     messages on this topic and every topic below it
 * @param rate         messages per second over the last {@link TopicTree#RATE_WINDOW_SECONDS} s, this branch
 * @param lastMillis   newest message in this branch (0: none yet)
 * @param status       what EdgeDeck makes of this topic's own messages ({@link TopicStatus#NONE} for a bare branch)
 * @param unknownBelow topics in this branch (itself included) that need a mapping
 * @param topicsBelow  topics with messages in this branch (itself included)
 */
public record TopicSnapshot(String source, String path, String name, int depth, long messages, double rate,
                            long lastMillis, TopicStatus status, int unknownBelow, int topicsBelow) {
    /** Unique across sources. */
    public String key() {
        return TopicTree.key(source, path);
    }

    /** The key of the parent node, or null for a root. */
    public String parentKey() {
        if (depth == 0) return null;
        int slash = path.lastIndexOf('/');
        return TopicTree.key(source, depth == 1 ? "" : path.substring(0, slash));
    }

    /** A connection's root node. */
    public boolean isRoot() {
        return depth == 0;
    }
}
