package io.edgedeck.link.mqtt;

import java.time.Instant;

/**
 * One change of the broker link's state, with its cause in words ("connected to broker.local:1883",
 * "Cannot reach the MQTT broker at broker.local:1883: connection refused").
 */
public record ConnectionEvent(Instant at, LinkState from, LinkState to, String cause) {
}
