package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.image.OtaData;

import java.util.Optional;

/**
 * The result of {@link OtaControl#select}: the state before, the boot slot read back after writing, and the
 * otadata sector that was written (empty when the chosen slot already booted and nothing was written).
 */
public record OtaSwitch(OtaStatus before, OtaData.BootSlot after, Optional<OtaData.SectorWrite> written,
                        boolean resetDone) {

    public boolean changed() {
        return written.isPresent();
    }
}
