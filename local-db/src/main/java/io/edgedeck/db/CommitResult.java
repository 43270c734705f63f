package io.edgedeck.db;

/** What one commit stored: new readings, readings already present (redeliveries), quarantined messages. */
public record CommitResult(int readingsStored, int duplicates, int quarantined) {
}
