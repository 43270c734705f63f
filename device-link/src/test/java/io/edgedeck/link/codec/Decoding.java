package io.edgedeck.link.codec;

import io.edgedeck.db.Availability;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.db.Reading;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared helpers: a decoder over the defaults and a fixed receive time. */
final class Decoding {
    /** 2024-11-25T16:05:00Z. */
    static final long RECEIVED = 1_732_550_700_000L;
    static final MessageDecoder DEFAULTS = new MessageDecoder(TopicMapping.defaults());

    private Decoding() {
    }

    static IngestBatch decode(String topic, String payload) {
        return DEFAULTS.decode(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    static IngestBatch decode(MessageDecoder decoder, String topic, String payload) {
        return decoder.decode(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    /** The one reading of a batch that must hold exactly that. */
    static Reading onlyReading(IngestBatch b) {
        assertThat(b.quarantined()).as("quarantined").isEmpty();
        assertThat(b.availability()).isEmpty();
        assertThat(b.readings()).hasSize(1);
        return b.readings().getFirst();
    }

    static Availability onlyAvailability(IngestBatch b) {
        assertThat(b.quarantined()).as("quarantined").isEmpty();
        assertThat(b.readings()).isEmpty();
        assertThat(b.availability()).hasSize(1);
        return b.availability().getFirst();
    }

    /** The reason of a batch that must hold exactly one quarantined message and nothing else. */
    static String reason(IngestBatch b) {
        assertThat(b.readings()).as("readings").isEmpty();
        assertThat(b.availability()).as("availability").isEmpty();
        assertThat(b.quarantined()).hasSize(1);
        QuarantinedMessage q = b.quarantined().getFirst();
        assertThat(q.receivedMillis()).isEqualTo(RECEIVED);
        return q.reason();
    }
}
