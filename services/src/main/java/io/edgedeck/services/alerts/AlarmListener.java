package io.edgedeck.services.alerts;

import io.edgedeck.db.Alarm;

/**
 * Told when an alarm is raised, cleared or acknowledged, after it was stored. Raised and cleared come on the alert
 * engine's thread, acknowledged on the acknowledging thread: keep it short, move UI work to the UI thread.
 */
public interface AlarmListener {
    void raised(Alarm alarm);

    default void cleared(Alarm alarm) {
    }

    default void acknowledged(Alarm alarm) {
    }
}
