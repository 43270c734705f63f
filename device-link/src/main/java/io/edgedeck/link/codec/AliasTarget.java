package io.edgedeck.link.codec;

/**
 * What an alias of a mapping rule points at: a {@link Field}, and for a metric optionally the channel it belongs to.
 * Written {@code power}, {@code relay@2} (channel 2) or {@code temperature@{n}} (the channel is the number that
 * stands for {@code {n}} in the field name, e.g. {@code "DS18B20-{n}.Temperature": "temperature@{n}"}).
 * Channel n of device D is the device {@code D-n}; channel 0 is D itself.
 *
 * @param channel a fixed channel, {@link #FROM_NAME} or {@link #NONE}
 */
record AliasTarget(Field field, int channel) {
    /** No channel of its own: the message's channel (from the topic's {@code {channel}}) or the device itself. */
    static final int NONE = -1;
    /** The channel is the number in the field name where the alias has {@code {n}}. */
    static final int FROM_NAME = -2;
    static final String N = "{n}";
    private static final int MAX_CHANNEL = 999;

    /** Parses a target; null if it is not one. */
    static AliasTarget parse(String target) {
        if (target == null) {
            return null;
        }
        String t = target.strip();
        int at = t.indexOf('@');
        Field f = Field.fromTarget(at < 0 ? t : t.substring(0, at));
        if (f == null) {
            return null;
        }
        if (at < 0) {
            return new AliasTarget(f, NONE);
        }
        if (f.metric == null) {
            return null; // only metrics have channels
        }
        String c = t.substring(at + 1).strip();
        if (c.equals(N)) {
            return new AliasTarget(f, FROM_NAME);
        }
        if (c.isEmpty() || c.length() > 3 || !c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return null;
        }
        int n = Integer.parseInt(c);
        return n > MAX_CHANNEL ? null : new AliasTarget(f, n);
    }

    /** The canonical text in a mapping file. */
    String key() {
        return switch (channel) {
            case NONE -> field.key();
            case FROM_NAME -> field.key() + "@" + N;
            default -> field.key() + "@" + channel;
        };
    }
}
