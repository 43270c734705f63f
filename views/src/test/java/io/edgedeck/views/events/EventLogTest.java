package io.edgedeck.views.events;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogTest {
    @Test
    void keepsTheNewestThousandOldestFirst() {
        var log = new EventLog(Runnable::run, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        for (int i = 1; i <= 1_005; i++) {
            log.info("Test", "event " + i);
        }
        assertThat(log.events()).hasSize(EventLog.CAPACITY);
        assertThat(log.events().getFirst().message()).isEqualTo("event 6");
        assertThat(log.events().getLast().message()).isEqualTo("event 1005");
        assertThat(log.events().getLast().time()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void errorsKeepTheirDetailsAndClearEmptiesTheLog() {
        var log = new EventLog(Runnable::run, Clock.systemUTC());
        log.error("Broker", "Cannot connect to the broker", "Connection refused: localhost:1883");
        assertThat(log.events().getFirst().severity()).isEqualTo(LoggedEvent.Severity.ERROR);
        assertThat(log.events().getFirst().details()).contains("Connection refused");
        log.clear();
        assertThat(log.events()).isEmpty();
    }
}
