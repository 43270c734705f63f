package io.edgedeck.db;

/** What sort of device a reading comes from. */
public enum DeviceKind {
    /** Smart plug: voltage, current, power, energy, relay state. */
    PLUG,
    /** Climate sensor: temperature and humidity. */
    SENSOR,
    /** Anything else (generic `key:value` publishers). */
    GENERIC
}
