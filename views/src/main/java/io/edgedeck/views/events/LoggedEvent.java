package io.edgedeck.views.events;

import java.time.Instant;

/**
 * One entry of the event log.
 *
 * @param source  where it happened, as a person reads it: "Broker", "Relay", "Flash", "Audit"
 * @param details more text for the "details" expander (the full message, the cause); empty when there is none
 */
public record LoggedEvent(Instant time, Severity severity, String source, String message, String details) {
    public LoggedEvent {
        details = details == null ? "" : details;
    }

    public enum Severity {
        INFO("Info"), WARNING("Warning"), ERROR("Error");

        private final String label;

        Severity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
