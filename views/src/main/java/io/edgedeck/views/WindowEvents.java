package io.edgedeck.views;

import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LiveFeed;
import io.edgedeck.views.audit.AuditViewModel;
import io.edgedeck.views.events.EventLog;
import io.edgedeck.views.flash.FlashState;
import io.edgedeck.views.flash.FlashViewModel;

import java.util.concurrent.atomic.AtomicReference;

/** Feeds the event log from the window's screens: broker link changes, flash results, audit exports. */
final class WindowEvents {
    private final EventLog log;

    WindowEvents(EventLog log) {
        this.log = log;
    }

    void watch(LiveFeed feed, FlashViewModel flash, AuditViewModel audit) {
        var last = new AtomicReference<LinkState>();
        feed.addStateListener(s -> {
            if (s != null && last.getAndSet(s) != s) {
                linkChanged(s);
            }
        });
        flash.stateProperty().addListener((o, a, b) -> flashFinished(b, flash.resultTextProperty().get()));
        audit.messageProperty().addListener((o, a, b) -> auditMessage(b));
    }

    /** History's exports (CSV, PNG, PDF): "Saved …" or "Could not save …"; "Saving …" is still going. */
    void watchHistoryExports(javafx.beans.value.ObservableValue<String> message) {
        message.addListener((o, a, b) -> {
            if (b == null) {
                return;
            }
            if (b.startsWith("Saved")) {
                log.info("Export", b);
            } else if (b.startsWith("Could not")) {
                log.error("History", b.lines().findFirst().orElse(b), b);
            }
        });
    }

    void linkChanged(LinkState s) {
        String text = "Broker link " + s.name().toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case DISCONNECTED -> log.warning("Broker", text, "");
            default -> log.info("Broker", text);
        }
    }

    void flashFinished(FlashState state, String result) {
        String firstLine = result == null || result.isBlank() ? state.name().toLowerCase(java.util.Locale.ROOT)
                : result.lines().findFirst().orElse(result);
        switch (state) {
            case VERIFIED, WRITTEN, CANCELLED -> log.info("Flash", firstLine);
            case REFUSED -> log.warning("Flash", firstLine, result);
            case FAILED -> log.error("Flash", firstLine, result);
            default -> { // still going, or back to idle
            }
        }
    }

    void auditMessage(String message) {
        if (message == null) {
            return;
        }
        if (message.startsWith("Exported")) {
            log.info("Export", message);
        } else if (message.startsWith("Could not")) {
            log.error("Audit", message.lines().findFirst().orElse(message), message);
        }
    }
}
