package io.edgedeck.views.history;

import io.edgedeck.db.Resolution;
import io.edgedeck.db.SeriesPoint;

import java.util.List;

/**
 * A loaded series and the query it answers.
 *
 * @param resolution which resolution answered (raw readings or a rollup)
 * @param previous   the same length of time just before, shifted forward by the range's length so it lines up
 *                   (empty when not compared)
 */
public record SeriesResult(SeriesQuery query, List<SeriesPoint> points, Resolution resolution, List<SeriesPoint> previous,
                           List<Overlay> overlays) {
    /** Another device's series over the same range, drawn over the first. */
    public record Overlay(String deviceId, List<SeriesPoint> points) {
        public Overlay {
            points = List.copyOf(points);
        }
    }

    public SeriesResult {
        points = List.copyOf(points);
        previous = List.copyOf(previous);
        overlays = List.copyOf(overlays);
    }

    public SeriesResult(SeriesQuery query, List<SeriesPoint> points, Resolution resolution, List<SeriesPoint> previous) {
        this(query, points, resolution, previous, List.of());
    }

    public SeriesResult(SeriesQuery query, List<SeriesPoint> points) {
        this(query, points, Resolution.RAW, List.of());
    }

    public boolean isEmpty() {
        return points.isEmpty() && previous.isEmpty() && overlays.stream().allMatch(o -> o.points().isEmpty());
    }
}
