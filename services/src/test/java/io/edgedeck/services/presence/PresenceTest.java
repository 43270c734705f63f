package io.edgedeck.services.presence;

import io.edgedeck.services.presence.Presence.Reason;
import io.edgedeck.services.presence.Presence.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The one presence rule of screens and CLI: relative times, stale, and offline with its reason. */
class PresenceTest {
    private static final long NOW = 1_764_100_000_000L;
    private static final Duration STALE = Presence.STALE_AFTER;

    @Test
    void relativeTimesReadAsPeopleSayThem() {
        assertThat(Presence.age(0, NOW)).isEqualTo("never");
        assertThat(Presence.age(NOW - 400, NOW)).isEqualTo("just now");
        assertThat(Presence.age(NOW + 5_000, NOW)).as("a clock a little ahead").isEqualTo("just now");
        assertThat(Presence.age(NOW - 12_300, NOW)).isEqualTo("12 s ago");
        assertThat(Presence.age(NOW - 59_999, NOW)).isEqualTo("59 s ago");
        assertThat(Presence.age(NOW - 60_000, NOW)).isEqualTo("1 min ago");
        assertThat(Presence.age(NOW - 3 * 3_600_000 - 5, NOW)).isEqualTo("3 h ago");
        assertThat(Presence.age(NOW - 2 * 86_400_000L, NOW)).isEqualTo("2 d ago");
        assertThat(Presence.interval(500)).isEqualTo("0.5 s");
        assertThat(Presence.interval(1_000)).isEqualTo("1 s");
    }

    @Test
    void aDeviceHeardRecentlyIsOnlineAndSaysWhen() {
        Presence p = Presence.of(true, NOW - 3_000, 1_000, NOW, STALE);
        assertThat(p.state()).isEqualTo(State.ONLINE);
        assertThat(p.reason()).isEqualTo(Reason.NONE);
        assertThat(p.summary()).isEqualTo("online · last heard 3 s ago");
    }

    @Test
    void silenceBeyondTheStaleThresholdIsStaleNotYetOffline() {
        Presence p = Presence.of(true, NOW - 14_000, 1_000, NOW, STALE);
        assertThat(p.state()).isEqualTo(State.STALE);
        assertThat(p.summary()).isEqualTo("stale · last heard 14 s ago, usually every 1 s");
        // a sensor that sends every 30 s is not stale after 14 s: 3 of its intervals count
        assertThat(Presence.of(true, NOW - 14_000, 30_000, NOW, STALE).state()).isEqualTo(State.ONLINE);
    }

    @Test
    void silenceOfTenIntervalsButAtLeastAMinuteIsOfflineBecauseSilent() {
        Presence p = Presence.of(true, NOW - 61_000, 1_000, NOW, STALE);
        assertThat(p.state()).isEqualTo(State.OFFLINE);
        assertThat(p.reason()).isEqualTo(Reason.SILENT);
        assertThat(p.summary()).isEqualTo("offline: silent for 1 min, usually every 1 s");
        assertThat(Presence.of(true, NOW - 59_000, 1_000, NOW, STALE).state()).as("under a minute").isEqualTo(State.STALE);
        assertThat(Presence.of(true, NOW - 250_000, 30_000, NOW, STALE).state())
                .as("8 of its 30 s intervals").isEqualTo(State.STALE);
        assertThat(Presence.of(true, NOW - 301_000, 30_000, NOW, STALE).reason()).isEqualTo(Reason.SILENT);
        assertThat(Presence.of(true, NOW - 3_600_000, Double.NaN, NOW, STALE).state())
                .as("no interval learnt yet: stale, never offline by silence").isEqualTo(State.STALE);
    }

    @Test
    void anAnnouncedOfflineSaysItWasTheLastWillOrAvailabilityAndWhenItWasLastHeard() {
        Presence p = Presence.of(false, NOW - 300_000, 1_000, NOW, STALE);
        assertThat(p.state()).isEqualTo(State.OFFLINE);
        assertThat(p.reason()).isEqualTo(Reason.ANNOUNCED);
        assertThat(p.summary()).isEqualTo("offline: announced (Last Will or availability topic) · last heard 5 min ago");
        assertThat(Presence.of(false, NOW - 1_000, 1_000, NOW, STALE).reason())
                .as("announced wins over a recent message").isEqualTo(Reason.ANNOUNCED);
    }

    @Test
    void aDeviceNeverHeardFromSaysSo() {
        Presence p = Presence.of(false, 0, Double.NaN, NOW, STALE);
        assertThat(p.reason()).isEqualTo(Reason.NEVER_SEEN);
        assertThat(p.summary()).isEqualTo("never heard from");
        assertThat(p.lastHeard()).isEqualTo("never");
    }
}
