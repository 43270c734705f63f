package io.edgedeck.link.esp32.loader;

/** A chip revision such as v3.0: major (the silicon "ECO") and minor, as esptool and ESP-IDF print them. */
public record ChipRevision(int major, int minor) {

    /** major × 100 + minor, the form image headers use (min_rev_full, max_rev_full). */
    public int full() {
        return major * 100 + minor;
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor;
    }
}
