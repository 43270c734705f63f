package io.edgedeck.link.mqtt;

import java.time.Instant;

/**
 * A sign that readings were lost before they reached EdgeDeck — the broker dropped them (its queue for our session was
 * full, or it lost the session), since everything that reaches EdgeDeck is committed before it is acknowledged.
 *
 * @param at       when EdgeDeck noticed
 * @param deviceId the device whose series has the hole, or empty for the whole link (a lost session)
 * @param message  what happened, in words
 */
public record LinkWarning(Instant at, String deviceId, String message) {
}
