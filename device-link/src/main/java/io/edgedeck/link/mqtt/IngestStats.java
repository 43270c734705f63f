package io.edgedeck.link.mqtt;

/**
 * A snapshot of the pipeline's counters since it started.
 *
 * @param messages         broker messages received
 * @param readings         readings committed (duplicates not counted)
 * @param duplicates       redelivered readings recognised and not stored again
 * @param quarantined      messages quarantined
 * @param lastCommitMillis wall time of the last commit, 0 if none
 * @param reconnects       times the link came back after it was lost
 * @param dropWarnings     warnings that the broker evidently dropped readings ({@link LinkWarnings})
 */
public record IngestStats(long messages, long readings, long duplicates, long quarantined, long lastCommitMillis,
                          LinkState state, long reconnects, long dropWarnings) {
    /** Without reconnects and warnings (none). */
    public IngestStats(long messages, long readings, long duplicates, long quarantined, long lastCommitMillis,
                       LinkState state) {
        this(messages, readings, duplicates, quarantined, lastCommitMillis, state, 0, 0);
    }
}
