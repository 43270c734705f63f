package io.edgedeck.db;

/** One point of a chart series. */
public record SeriesPoint(long epochMillis, double value) {
}
