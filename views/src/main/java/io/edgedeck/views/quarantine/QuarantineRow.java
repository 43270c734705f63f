package io.edgedeck.views.quarantine;

import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.views.common.Formats;

/** One quarantined message as the table shows it. */
public record QuarantineRow(String time, String topic, String reason, String text, String hex, int size,
                            QuarantinedMessage message) {
    static final int TEXT_PREVIEW = 120;
    static final int HEX_PREVIEW = 24;

    public static QuarantineRow of(QuarantinedMessage m) {
        return new QuarantineRow(Formats.dateTime(m.receivedMillis()), m.topic(), m.reason(),
                Formats.payloadText(m.payload(), TEXT_PREVIEW), Formats.hexPreview(m.payload(), HEX_PREVIEW),
                m.payload().length, m);
    }
}
