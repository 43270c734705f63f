package io.edgedeck.services.alerts;

import io.edgedeck.db.Alarm;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** Posts raised and cleared alarms to Slack through a {@link WebhookSender} (never blocking the engine). */
public final class SlackAlarmNotifier implements AlarmListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final WebhookSender sender;
    private final String console;
    private final ZoneId zone;

    /** @param console how this console is named in the messages, e.g. the host name */
    public SlackAlarmNotifier(WebhookSender sender, String console, ZoneId zone) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.console = Objects.requireNonNull(console, "console");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public void raised(Alarm a) {
        sender.offer(":rotating_light: *" + a.ruleName() + "* on " + a.deviceId() + " — " + a.message() + " (raised "
                + TIME.format(a.raisedAt().atZone(zone)) + ", EdgeDeck " + console + ")");
    }

    @Override
    public void cleared(Alarm a) {
        sender.offer(":white_check_mark: cleared: *" + a.ruleName() + "* on " + a.deviceId() + " (at "
                + TIME.format(a.clearedAt().atZone(zone)) + (a.peak() == null ? "" : ", peak "
                + io.edgedeck.db.AlertRule.number(Math.round(a.peak() * 100) / 100.0)) + ")");
    }
}
