package io.edgedeck.views.fleet;

/** How a device looks on screen. */
public enum DeviceStatus {
    /** Online and heard from within the stale threshold. */
    ONLINE,
    /** Online as far as the broker knows, but silent for longer than the stale threshold. */
    STALE,
    /**
     * Announced offline (Last Will), never confirmed online, or silent for many times its usual interval
     * (see {@link io.edgedeck.services.presence.Presence#OFFLINE_AFTER_INTERVALS}).
     */
    OFFLINE
}
