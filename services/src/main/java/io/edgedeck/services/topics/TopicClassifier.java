package io.edgedeck.services.topics;

import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Reading;
import io.edgedeck.link.codec.MessageDecoder;
import io.edgedeck.link.codec.TopicMapping;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Asks the connection's {@link TopicMapping} what it makes of a message, with a {@link MessageDecoder} of its own (the
 * pipeline's is left alone): readings, availability or a note mean understood; quarantine with "no mapping rule
 * matches" means unknown; any other quarantine reason means a rule matches but the payload does not fit it. Not
 * thread-safe (a decoder learns Home Assistant discovery messages).
 */
public final class TopicClassifier {
    static final String NO_RULE = "no mapping rule matches";

    private final MessageDecoder decoder;

    public TopicClassifier(TopicMapping mapping) {
        this.decoder = new MessageDecoder(Objects.requireNonNull(mapping, "mapping"));
    }

    public Classification classify(String topic, byte[] payload, boolean retained, long receivedMillis) {
        if (topic.startsWith("$")) {
            return new Classification(TopicStatus.SYSTEM, "the broker's own statistics");
        }
        IngestBatch batch = decoder.decode(topic, payload, retained, receivedMillis);
        if (!batch.quarantined().isEmpty()) {
            String reason = batch.quarantined().getFirst().reason();
            return reason.startsWith(NO_RULE)
                    ? new Classification(TopicStatus.UNKNOWN, "no mapping rule matches this topic")
                    : new Classification(TopicStatus.NOT_DECODED, reason);
        }
        return new Classification(TopicStatus.UNDERSTOOD, describe(batch));
    }

    private static String describe(IngestBatch batch) {
        if (!batch.readings().isEmpty()) {
            Set<String> devices = new LinkedHashSet<>();
            for (Reading r : batch.readings()) devices.add(r.deviceId());
            int n = batch.readings().size();
            return n + (n == 1 ? " reading of " : " readings of ") + String.join(", ", devices);
        }
        if (!batch.availability().isEmpty()) {
            var a = batch.availability().getFirst();
            return "availability of " + a.deviceId();
        }
        if (!batch.notes().isEmpty()) {
            return batch.notes().getFirst().message();
        }
        return "understood";
    }
}
