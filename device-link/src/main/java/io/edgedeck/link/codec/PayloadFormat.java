package io.edgedeck.link.codec;

import java.util.Locale;
import java.util.Optional;

/** How a rule's payloads are written. The lower-case name is used in mapping files. */
public enum PayloadFormat {
    /**
     * A JSON object of readings ({@code {"voltage": 230.4, "relay_state": "on"}}), a JSON array of such objects, or an
     * object with a {@code readings} array. Field names are matched case-insensitively against metric keys, the rule's
     * aliases, {@code relay_state} and {@code ts}/{@code timestamp}.
     */
    JSON,
    /**
     * A relay state or an availability: {@code on}/{@code off} (also {@code true}/{@code false}/{@code 1}/{@code 0})
     * gives a reading with {@code RELAY} only, {@code online}/{@code offline} gives an availability; as plain text, a
     * JSON string or an object {@code {"status": "on"}} (or {@code "state"}).
     */
    STATUS,
    /**
     * {@code online}/{@code offline} (any case; also {@code true}/{@code false}, {@code 1}/{@code 0},
     * {@code connected}/{@code disconnected}) as plain text, a JSON string or an object with {@code status},
     * {@code state} or {@code online}.
     */
    AVAILABILITY,
    /**
     * Text pairs {@code key:value} (or {@code key=value}) separated by {@code ,}, {@code ;} or line breaks, e.g.
     * {@code temperature:23;humidity:40}. A payload that starts with {@code {} or {@code [} is decoded as {@link #JSON}.
     */
    KEYVALUE,
    /**
     * The whole payload is one value (a number, or on/off for {@code relay}) of the rule's {@code metric}, or, without
     * a metric, of the metric the topic's {@code {field}} level names (ESPHome's {@code <node>/sensor/<name>/state}).
     */
    VALUE,
    /**
     * A command to a device that EdgeDeck only watches (Tasmota's {@code cmnd/<topic>/POWER}): nothing is stored; a
     * <em>retained</em> command is reported as a warning, because the device executes it again every time it
     * reconnects and so switches by itself.
     */
    COMMAND,
    /**
     * Home Assistant MQTT discovery ({@code <prefix>/<component>/[<node_id>/]<object_id>/config}): each message adds,
     * replaces or (empty payload) removes the fields of a discovered device; the rules it implies are put before all
     * others for the rest of the session. The rule's topic must end with {@code #}.
     */
    HA_DISCOVERY;

    /** The name in mapping files: lower case, {@code _} written {@code -} ({@code ha-discovery}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<PayloadFormat> fromKey(String key) {
        for (PayloadFormat f : values()) {
            if (f.key().equalsIgnoreCase(key) || f.name().equalsIgnoreCase(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
