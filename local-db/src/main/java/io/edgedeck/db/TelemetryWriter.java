package io.edgedeck.db;

/** Commits ingest batches. One transaction per call; when it returns, everything in the batch is durable. */
public final class TelemetryWriter {
    /**
     * Stores the batch's readings (a reading whose device and time are already stored counts as a duplicate and is not
     * stored again), updates the device registry (first/last seen, online state) and appends quarantined messages.
     */
    public CommitResult commit(IngestBatch batch) {
        throw new UnsupportedOperationException("TODO local-db");
    }
}
