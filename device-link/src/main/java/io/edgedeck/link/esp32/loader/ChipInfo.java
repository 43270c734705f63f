package io.edgedeck.link.esp32.loader;

import java.util.Optional;

/**
 * What {@link LoaderConnection#describe()} learns about the connected chip.
 *
 * @param revision the silicon revision (ESP32 only: read from eFuses), empty for other chips
 * @param model    the chip package as esptool names it ({@code ESP32-D0WD-V3}), or the chip name for other chips
 */
public record ChipInfo(Chip chip, String mac, int crystalMhz, Optional<ChipRevision> revision, String model) {
    public ChipInfo {
        revision = revision == null ? Optional.empty() : revision;
        model = model == null || model.isBlank() ? chip.displayName() : model;
    }

    /** A chip whose revision was not read. */
    public ChipInfo(Chip chip, String mac, int crystalMhz) {
        this(chip, mac, crystalMhz, Optional.empty(), chip.displayName());
    }
}
