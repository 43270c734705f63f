package io.edgedeck.link.codec;

/**
 * What a {@link TopicPattern} captured from a topic.
 *
 * @param deviceId the {@code {device_id}} level, or null when the pattern has none (may be empty for
 *                 {@code smartplug//telemetry})
 * @param channel  the digits of a {@code {channel}} placeholder, or -1 when the pattern has none
 * @param field    the {@code {field}} level (e.g. ESPHome's sensor name), or null when the pattern has none
 */
record TopicMatch(String deviceId, int channel, String field) {
    /** A match of a pattern that captures nothing. */
    static final TopicMatch PLAIN = new TopicMatch(null, -1, null);
}
