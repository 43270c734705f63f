package io.edgedeck.link.command;

import java.util.Locale;

/** What an operator may tell a smart plug's relay to do, with the names used on the wire ({@code cmd} claim). */
public enum RelayCommand {
    RELAY_ON("relay_on"),
    RELAY_OFF("relay_off"),
    RELAY_TOGGLE("relay_toggle");

    private final String wireName;

    RelayCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The command with this wire name ({@code relay_on}, {@code relay_off}, {@code relay_toggle}; case and the
     * short forms {@code on}/{@code off}/{@code toggle} accepted for people typing on a command line).
     *
     * @throws IllegalArgumentException with a readable message for anything else
     */
    public static RelayCommand parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (RelayCommand c : values()) {
                if (c.wireName.equals(t) || c.wireName.equals("relay_" + t)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown command '" + text + "': use relay_on, relay_off or relay_toggle");
    }

    /** Exactly a wire name, nothing else (what a device accepts); null when it is none. */
    static RelayCommand fromWire(String wire) {
        for (RelayCommand c : values()) {
            if (c.wireName.equals(wire)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
