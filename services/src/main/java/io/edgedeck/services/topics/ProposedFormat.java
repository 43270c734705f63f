package io.edgedeck.services.topics;

import io.edgedeck.link.codec.PayloadFormat;

/** How the payload of a topic to map is written, as the "map this topic" dialog offers it. */
public enum ProposedFormat {
    JSON_FIELDS("JSON fields", PayloadFormat.JSON),
    PLAIN_VALUE("Plain value", PayloadFormat.VALUE),
    KEY_VALUE("key:value pairs", PayloadFormat.KEYVALUE);

    private final String label;
    private final PayloadFormat format;

    ProposedFormat(String label, PayloadFormat format) {
        this.label = label;
        this.format = format;
    }

    public String label() {
        return label;
    }

    public PayloadFormat format() {
        return format;
    }

    @Override
    public String toString() {
        return label;
    }
}
