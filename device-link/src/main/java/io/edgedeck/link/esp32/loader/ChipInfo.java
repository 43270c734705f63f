package io.edgedeck.link.esp32.loader;

/** What {@link LoaderConnection#describe()} learns about the connected chip. */
public record ChipInfo(Chip chip, String mac, int crystalMhz) {
}
