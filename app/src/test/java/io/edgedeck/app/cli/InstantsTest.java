package io.edgedeck.app.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantsTest {
    private final ZoneId berlin = ZoneId.of("Europe/Berlin");

    @Test
    void parsesOffsetsLocalTimesAndDates() {
        assertThat(Instants.parse("2026-11-25T10:00:00Z", berlin)).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(Instants.parse("2026-11-25T11:00+01:00", berlin)).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(Instants.parse("2026-11-25T11:00", berlin)).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(Instants.parse("2026-11-25", berlin)).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
    }

    @Test
    void badDatesSayWhatIsExpected() {
        assertThatThrownBy(() -> Instants.parse("25.11.2026", berlin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'25.11.2026' is not an ISO-8601 date");
    }
}
