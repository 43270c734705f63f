package io.edgedeck.link.mqtt;

/**
 * A snapshot of the pipeline's counters since it started.
 *
 * @param messages       broker messages received
 * @param readings       readings committed (duplicates not counted)
 * @param duplicates     redelivered readings recognised and not stored again
 * @param quarantined    messages quarantined
 * @param lastCommitMillis wall time of the last commit, 0 if none
 */
public record IngestStats(long messages, long readings, long duplicates, long quarantined, long lastCommitMillis,
                          LinkState state) {
}
