package io.edgedeck.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything decoded from one or more broker messages, committed to the store in one transaction.
 * Decoding one message yields a batch; the ingest pipeline merges many into one before committing.
 */
public record IngestBatch(List<Reading> readings, List<Availability> availability, List<QuarantinedMessage> quarantined) {
    public static final IngestBatch EMPTY = new IngestBatch(List.of(), List.of(), List.of());

    public IngestBatch {
        readings = List.copyOf(readings);
        availability = List.copyOf(availability);
        quarantined = List.copyOf(quarantined);
    }

    public static IngestBatch of(List<Reading> readings) {
        return new IngestBatch(readings, List.of(), List.of());
    }

    public static IngestBatch quarantine(QuarantinedMessage message) {
        return new IngestBatch(List.of(), List.of(), List.of(message));
    }

    public static IngestBatch availability(Availability availability) {
        return new IngestBatch(List.of(), List.of(availability), List.of());
    }

    public boolean isEmpty() {
        return readings.isEmpty() && availability.isEmpty() && quarantined.isEmpty();
    }

    /** All batches' contents, in order, as one batch. */
    public static IngestBatch merge(List<IngestBatch> batches) {
        var r = new ArrayList<Reading>();
        var a = new ArrayList<Availability>();
        var q = new ArrayList<QuarantinedMessage>();
        for (IngestBatch b : batches) {
            r.addAll(b.readings);
            a.addAll(b.availability);
            q.addAll(b.quarantined);
        }
        return new IngestBatch(r, a, q);
    }
}
