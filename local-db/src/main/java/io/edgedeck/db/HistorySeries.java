package io.edgedeck.db;

import java.time.Instant;
import java.util.List;

/**
 * A chart series answered from the resolutions that hold its range.
 *
 * @param points in time order; per pixel column the minimum and the maximum at their own times (at most 2 × width)
 * @param resolution the resolution chosen for the range (the coarsest with at least one value per pixel); parts
 *        older than its retention came from coarser ones, see {@code spans}
 * @param spans which resolution answered which part, oldest first (empty when nothing is stored there)
 */
public record HistorySeries(List<SeriesPoint> points, Resolution resolution, List<Span> spans) {
    public HistorySeries {
        points = List.copyOf(points);
        spans = List.copyOf(spans);
    }

    /** [from, to) answered at {@code resolution}. */
    public record Span(Resolution resolution, Instant from, Instant to) {
    }
}
