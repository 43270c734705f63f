package io.edgedeck.views.history;

import io.edgedeck.db.SeriesPoint;

import java.util.List;

/** A loaded series and the query it answers. */
public record SeriesResult(SeriesQuery query, List<SeriesPoint> points) {
    public SeriesResult {
        points = List.copyOf(points);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
