package io.edgedeck.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything decoded from one or more broker messages, committed to the store in one transaction.
 * Decoding one message yields a batch; the ingest pipeline merges many into one before committing.
 *
 * @param notes what the decoder wants a person to know (retained commands, discovery changes); not stored
 */
public record IngestBatch(List<Reading> readings, List<Availability> availability, List<QuarantinedMessage> quarantined,
                          List<DecodeNote> notes) {
    public static final IngestBatch EMPTY = new IngestBatch(List.of(), List.of(), List.of(), List.of());

    public IngestBatch {
        readings = List.copyOf(readings);
        availability = List.copyOf(availability);
        quarantined = List.copyOf(quarantined);
        notes = List.copyOf(notes);
    }

    /** A batch without notes. */
    public IngestBatch(List<Reading> readings, List<Availability> availability, List<QuarantinedMessage> quarantined) {
        this(readings, availability, quarantined, List.of());
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

    public static IngestBatch note(DecodeNote note) {
        return new IngestBatch(List.of(), List.of(), List.of(), List.of(note));
    }

    /** This batch with {@code more} notes appended. */
    public IngestBatch withNotes(List<DecodeNote> more) {
        if (more.isEmpty()) {
            return this;
        }
        var n = new ArrayList<DecodeNote>(notes.size() + more.size());
        n.addAll(notes);
        n.addAll(more);
        return new IngestBatch(readings, availability, quarantined, n);
    }

    /** True if there is nothing at all: no readings, availability, quarantined messages or notes. */
    public boolean isEmpty() {
        return !hasStoreData() && notes.isEmpty();
    }

    /** True if the batch holds something the store keeps (readings, availability or quarantined messages). */
    public boolean hasStoreData() {
        return !readings.isEmpty() || !availability.isEmpty() || !quarantined.isEmpty();
    }

    /** All batches' contents, in order, as one batch. */
    public static IngestBatch merge(List<IngestBatch> batches) {
        var r = new ArrayList<Reading>();
        var a = new ArrayList<Availability>();
        var q = new ArrayList<QuarantinedMessage>();
        var n = new ArrayList<DecodeNote>();
        for (IngestBatch b : batches) {
            r.addAll(b.readings);
            a.addAll(b.availability);
            q.addAll(b.quarantined);
            n.addAll(b.notes);
        }
        return new IngestBatch(r, a, q, n);
    }
}
