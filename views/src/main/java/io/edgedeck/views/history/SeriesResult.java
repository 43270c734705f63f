package io.edgedeck.views.history;

import io.edgedeck.db.Metric;
import io.edgedeck.db.Resolution;
import io.edgedeck.db.SeriesPoint;

import java.util.List;

/**
 * A loaded series and the query it answers.
 *
 * @param resolution which resolution answered (raw readings or a rollup)
 * @param previous   the same length of time just before, shifted forward by the range's length so it lines up
 *                   (empty when not compared)
 * @param fields     in the stacked mode, each chosen field of the device (the first is also {@code points}), drawn
 *                   as subplots over one time axis; empty otherwise
 */
public record SeriesResult(SeriesQuery query, List<SeriesPoint> points, Resolution resolution, List<SeriesPoint> previous,
                           List<Overlay> overlays, List<Field> fields) {
    /** One field (metric) of the device over the range, for the stacked mode. */
    public record Field(Metric metric, List<SeriesPoint> points) {
        public Field {
            points = List.copyOf(points);
        }
    }

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
        fields = List.copyOf(fields);
    }

    public SeriesResult(SeriesQuery query, List<SeriesPoint> points, Resolution resolution, List<SeriesPoint> previous,
                        List<Overlay> overlays) {
        this(query, points, resolution, previous, overlays, List.of());
    }

    /** True in the stacked mode: several fields of one device, one subplot each. */
    public boolean stacked() {
        return !fields.isEmpty();
    }

    public SeriesResult(SeriesQuery query, List<SeriesPoint> points, Resolution resolution, List<SeriesPoint> previous) {
        this(query, points, resolution, previous, List.of());
    }

    public SeriesResult(SeriesQuery query, List<SeriesPoint> points) {
        this(query, points, Resolution.RAW, List.of());
    }

    public boolean isEmpty() {
        return points.isEmpty() && previous.isEmpty() && overlays.stream().allMatch(o -> o.points().isEmpty())
                && fields.stream().allMatch(f -> f.points().isEmpty());
    }
}
