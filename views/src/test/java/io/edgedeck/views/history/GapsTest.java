package io.edgedeck.views.history;

import io.edgedeck.db.SeriesPoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GapsTest {
    private static List<SeriesPoint> everySecond(long fromMillis, int count) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(new SeriesPoint(fromMillis + i * 1000L, i));
        }
        return points;
    }

    @Test
    void aSilenceOfMinutesInSecondlyDataIsAGap() {
        List<SeriesPoint> points = new ArrayList<>(everySecond(0, 60));
        points.addAll(everySecond(300_000, 60));
        assertThat(Gaps.startsOfSegments(points)).containsExactly(60);
    }

    @Test
    void evenStepsAndShortHiccupsAreNoGap() {
        List<SeriesPoint> points = new ArrayList<>(everySecond(0, 60));
        points.addAll(everySecond(63_000, 60)); // 4 s hiccup: under the 5 s floor
        assertThat(Gaps.startsOfSegments(points)).isEmpty();
        assertThat(Gaps.startsOfSegments(everySecond(0, 2))).isEmpty();
    }

    @Test
    void coarseSeriesUseTheirOwnTypicalStep() {
        List<SeriesPoint> hourly = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            hourly.add(new SeriesPoint(i * 3_600_000L, i));
        }
        assertThat(Gaps.startsOfSegments(hourly)).as("regular hourly points").isEmpty();
        hourly.add(new SeriesPoint(60 * 3_600_000L * 24, 1)); // weeks later
        assertThat(Gaps.startsOfSegments(hourly)).containsExactly(48);
    }
}
