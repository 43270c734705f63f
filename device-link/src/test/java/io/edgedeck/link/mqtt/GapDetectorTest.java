package io.edgedeck.link.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GapDetectorTest {
    private final LinkWarnings warnings = new LinkWarnings(Clock.systemUTC());
    private final GapDetector gaps = new GapDetector(warnings);
    private static final long T0 = 1_733_000_000_000L;

    /** Readings with their own time, each arriving {@code lateBy} ms after it. */
    private void everySecond(String device, int from, int to, long lateBy, long epoch) {
        for (int i = from; i < to; i++) {
            long ts = T0 + i * 1000L;
            gaps.reading(device, ts, false, ts + lateBy, epoch);
        }
    }

    @Test
    void aHoleWhileTheBrokerHeldABacklogIsWarnedAboutOnce() {
        everySecond("plug", 0, 10, 20, 0);
        assertThat(gaps.intervalMillis("plug")).isCloseTo(1000, within(1.0));
        everySecond("plug", 60, 70, 30_000, 0); // 50 readings missing, and the next ones waited 30 s in a backlog
        assertThat(warnings.count()).isEqualTo(1);
        assertThat(warnings.recent().getFirst().deviceId()).isEqualTo("plug");
        assertThat(warnings.recent().getFirst().message()).contains("51 s").contains("every 1.0 s");
        assertThat(gaps.intervalMillis("plug")).as("the hole did not teach the interval").isCloseTo(1000, within(1.0));
    }

    @Test
    void aHoleAcrossALossOfTheLinkIsWarnedAboutEvenWhenTheNextReadingIsOnTime() {
        everySecond("plug", 0, 10, 20, 0);
        // offline persistent session: the broker kept what its queue limit allowed, then live readings again
        everySecond("plug", 600, 605, 20, 1);
        assertThat(warnings.count()).isEqualTo(1);
    }

    @Test
    void aQueueLimitThatKeptTheOldestLeavesTheHoleAfterTheLateOnes() {
        long now = T0 + 700_000;
        everySecond("plug", 0, 10, 20, 0);
        // link lost at 10 s; reconnected at 700 s: the broker kept readings 10..19 (late), dropped the rest
        for (int i = 10; i < 20; i++) gaps.reading("plug", T0 + i * 1000L, false, now, 1);
        assertThat(warnings.count()).isZero();
        everySecond("plug", 700, 705, 20, 1); // live again, on time, same link as the kept ones
        assertThat(warnings.count()).isEqualTo(1);
        assertThat(warnings.recent().getFirst().message()).contains("every 1.0 s");
    }

    @Test
    void aDeviceThatWentSilentWhileTheLinkWasUpIsNoBrokerDrop() {
        everySecond("plug", 0, 10, 20, 0);
        everySecond("plug", 18, 30, 20, 0); // 8 s without readings, the next one at once: the plug's own silence
        assertThat(warnings.count()).isZero();
    }

    @Test
    void jitterRedeliveriesAndLearningAreNotGaps() {
        gaps.reading("s", T0, false, T0 + 40_000, 0);
        gaps.reading("s", T0 + 60_000, false, T0 + 100_000, 0); // still learning: a 60 s interval is just slow
        for (int i = 2; i < 8; i++) {
            long ts = T0 + i * 60_000L + (i % 2) * 4_000;
            gaps.reading("s", ts, false, ts + 40_000, 0);
        }
        gaps.reading("s", T0 + 3 * 60_000L, false, T0 + 9 * 60_000L, 0); // an old one redelivered
        gaps.reading("s", T0 + 9 * 60_000L, false, T0 + 10 * 60_000L, 0); // one missing, late: 2 intervals is no evidence
        assertThat(warnings.count()).isZero();
    }

    @Test
    void aDeviceThatAnnouncedItselfOfflineOrArrivalTimesAreNoGap() {
        everySecond("p", 0, 10, 20, 0);
        gaps.availability("p"); // Last Will: the plug itself went away
        everySecond("p", 300, 305, 60_000, 0);
        assertThat(warnings.count()).isZero();

        for (int i = 0; i < 10; i++) gaps.reading("q", T0 + i * 1000L, true, T0 + i * 1000L, 0);
        gaps.reading("q", T0 + 200_000, true, T0 + 200_000, 1); // no own time, link down meanwhile: late, not lost
        gaps.reading("q", T0 + 400_000, true, T0 + 400_000, 1); // arrival times: silence cannot be told from loss
        assertThat(warnings.count()).isZero();
    }
}
