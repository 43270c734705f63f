package io.edgedeck.link.mqtt;

import io.edgedeck.db.CommitResult;
import io.edgedeck.db.IngestBatch;

/** Told after each commit, on the pipeline's writer thread: keep it short and hand work elsewhere. */
@FunctionalInterface
public interface IngestListener {
    void committed(IngestBatch batch, CommitResult result);
}
