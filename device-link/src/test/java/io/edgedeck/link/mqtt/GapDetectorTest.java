package io.edgedeck.link.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GapDetectorTest {
    private final LinkWarnings warnings = new LinkWarnings(Clock.systemUTC());
    private final GapDetector gaps = new GapDetector(warnings);
    private static final long T0 = 1_733_000_000_000L;

    private void everySecond(String device, int from, int to, long epoch) {
        for (int i = from; i < to; i++) gaps.reading(device, T0 + i * 1000L, false, epoch);
    }

    @Test
    void aHoleOfManyIntervalsIsWarnedAboutOnce() {
        everySecond("plug", 0, 10, 0);
        assertThat(gaps.intervalMillis("plug")).isCloseTo(1000, within(1.0));
        everySecond("plug", 60, 70, 0); // 50 readings missing
        assertThat(warnings.count()).isEqualTo(1);
        assertThat(warnings.recent().getFirst().deviceId()).isEqualTo("plug");
        assertThat(warnings.recent().getFirst().message()).contains("51 s").contains("every 1.0 s");
        assertThat(gaps.intervalMillis("plug")).as("the hole did not teach the interval").isCloseTo(1000, within(1.0));
    }

    @Test
    void jitterRedeliveriesAndLearningAreNotGaps() {
        gaps.reading("s", T0, false, 0);
        gaps.reading("s", T0 + 60_000, false, 0); // still learning: a 60 s interval is just slow
        for (int i = 2; i < 8; i++) gaps.reading("s", T0 + i * 60_000L + (i % 2) * 4_000, false, 0);
        gaps.reading("s", T0 + 3 * 60_000L, false, 0); // an old one redelivered
        gaps.reading("s", T0 + 9 * 60_000L, false, 0); // one reading missing: 2 intervals is no evidence
        assertThat(warnings.count()).isZero();
    }

    @Test
    void aDeviceThatAnnouncedItselfOfflineOrArrivalTimesAcrossALinkLossAreNoGap() {
        everySecond("p", 0, 10, 0);
        gaps.availability("p"); // Last Will: the plug itself went away
        everySecond("p", 300, 305, 0);
        assertThat(warnings.count()).isZero();

        everySecond("q", 0, 10, 0);
        gaps.reading("q", T0 + 200_000, true, 1); // no own time, and the link was down meanwhile: late, not lost
        assertThat(warnings.count()).isZero();
        gaps.reading("q", T0 + 400_000, true, 1); // same link, arrival times: the plug went silent for 200 s
        assertThat(warnings.count()).isEqualTo(1);
    }
}
