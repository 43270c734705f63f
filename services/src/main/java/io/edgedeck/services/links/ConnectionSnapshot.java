package io.edgedeck.services.links;

import java.time.Instant;
import java.util.Optional;

/**
 * One live connection as the console lists it.
 *
 * @param name        the profile's name ("Shop floor", "Demo fleet (built-in broker)")
 * @param address     where it connects, e.g. {@code broker.local:8883 (TLS)}; empty before the built-in broker started
 * @param primary     the connection "Connect" replaces (the others were added with "Connect as well")
 * @param phase       connecting, connected, reconnecting, failed
 * @param lastCause   the cause of the last state change, in words ("" before any)
 * @param messages    broker messages received since it was connected
 * @param lastMessage when the last reading was committed, empty before the first
 * @param dropWarnings warnings that this broker evidently dropped readings
 */
public record ConnectionSnapshot(String name, String address, boolean primary, ConnectionPhase phase, String lastCause,
                                 long messages, Optional<Instant> lastMessage, long dropWarnings) {
}
