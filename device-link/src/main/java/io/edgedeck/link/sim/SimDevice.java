package io.edgedeck.link.sim;

import io.edgedeck.db.DeviceKind;

/**
 * One simulated device.
 *
 * @param id      device id (also its MQTT client id), e.g. {@code sim-plug-01}
 * @param kind    PLUG or SENSOR
 * @param profile what it simulates: an appliance label for plugs ("fridge", "kettle"...), "climate" for sensors
 * @param telemetryTopic where it publishes readings
 * @param availabilityTopic where its online/offline state (and Last Will) goes
 */
public record SimDevice(String id, DeviceKind kind, String profile, String telemetryTopic, String availabilityTopic) {
}
