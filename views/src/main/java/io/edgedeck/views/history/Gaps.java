package io.edgedeck.views.history;

import io.edgedeck.db.SeriesPoint;

import java.util.Arrays;
import java.util.List;

/**
 * Where a series has no data (EdgeDeck closed, device offline), the chart must show a gap, not a straight line
 * bridging it. A gap is a step between two points longer than ten times the series' typical (median) step, and at
 * least five seconds.
 */
final class Gaps {
    static final long MIN_GAP_MILLIS = 5_000;

    private Gaps() {
    }

    /** Indexes i such that the step from point i-1 to point i is a gap. */
    static int[] startsOfSegments(List<SeriesPoint> points) {
        if (points.size() < 3) {
            return new int[0];
        }
        long[] steps = new long[points.size() - 1];
        for (int i = 1; i < points.size(); i++) {
            steps[i - 1] = points.get(i).epochMillis() - points.get(i - 1).epochMillis();
        }
        long[] sorted = steps.clone();
        Arrays.sort(sorted);
        long threshold = Math.max(MIN_GAP_MILLIS, 10 * sorted[sorted.length / 2]);
        return java.util.stream.IntStream.range(0, steps.length).filter(i -> steps[i] > threshold).map(i -> i + 1)
                .toArray();
    }
}
