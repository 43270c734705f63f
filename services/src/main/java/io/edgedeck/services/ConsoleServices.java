package io.edgedeck.services;

import io.edgedeck.services.alerts.ConsoleAlerts;

import java.util.Objects;

/**
 * What the console's window needs from the services, built once by the composition root (app's ConsoleRuntime) and
 * passed to the main window.
 *
 * @param session who is signed in on this console; sign-in, sign-out, creating operators
 * @param relays  relay commands, checked against roles, rate-limited, signed and audited
 * @param keys    this console's operator key files (whether an operator can sign in here)
 * @param alerts  alert rules, the running engine and acknowledgement; null for a window without alerts
 */
public record ConsoleServices(OperatorSession session, RelayControl relays, KeyRing keys, ConsoleAlerts alerts) {
    public ConsoleServices {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(relays, "relays");
        Objects.requireNonNull(keys, "keys");
    }

    /** Without alerts. */
    public ConsoleServices(OperatorSession session, RelayControl relays, KeyRing keys) {
        this(session, relays, keys, null);
    }
}
