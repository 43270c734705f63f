package io.edgedeck.views;

import io.edgedeck.views.events.EventLog;
import io.edgedeck.views.events.LoggedEvent;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** History's exports land in the event log: saved as information, a failure as an error with its details. */
class WindowEventsTest {
    @Test
    void historyExportsAreLoggedWhenTheyEnd() {
        var log = new EventLog(Runnable::run, Clock.systemUTC());
        var message = new SimpleStringProperty("");
        new WindowEvents(log).watchHistoryExports(message);

        message.set("Saving the chart…");
        assertThat(log.events()).as("still going: nothing to log").isEmpty();
        message.set("Saved 1,234 rows (raw readings) to plug.csv");
        message.set("Could not save the chart: /readonly/chart.pdf (Permission denied)");

        assertThat(log.events()).extracting(LoggedEvent::severity)
                .containsExactly(LoggedEvent.Severity.INFO, LoggedEvent.Severity.ERROR);
        assertThat(log.events().getLast().details()).contains("Permission denied");
    }
}
