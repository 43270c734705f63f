package io.edgedeck.views.flash;

/** Where the Flash screen is: idle, busy, or how the last flash ended. */
public enum FlashState {
    IDLE, FLASHING, CANCELLING,
    /** Written and every region's MD5 confirmed by the board. */
    VERIFIED,
    /** Written without verification (the user turned it off). */
    WRITTEN,
    /** Stopped by the user: a normal outcome, not an error. */
    CANCELLED,
    /**
     * Refused at flash time by the checks against the board itself (the chip it reports, the partition table on
     * it): nothing was written. A verdict on the images, not an error of the link.
     */
    REFUSED,
    FAILED;

    public boolean busy() {
        return this == FLASHING || this == CANCELLING;
    }
}
