package io.edgedeck.views.history;

import io.edgedeck.db.Metric;

import java.time.Instant;

/** The arguments of one {@code ReadingQueries.series} call: [from, to), at most maxPoints points. */
public record SeriesQuery(String deviceId, Metric metric, Instant from, Instant to, int maxPoints) {
}
