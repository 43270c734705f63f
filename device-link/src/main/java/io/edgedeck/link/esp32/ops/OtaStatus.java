package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.image.OtaData;
import io.edgedeck.link.esp32.image.Partition;
import io.edgedeck.link.esp32.image.PartitionTable;
import io.edgedeck.link.esp32.loader.ChipInfo;

import java.util.List;

/**
 * What a board's flash says about OTA: its partition table, the otadata partition and its two entries, the OTA
 * slots, and which app boots now.
 */
public record OtaStatus(ChipInfo chip, PartitionTable table, Partition otadataPartition, OtaData otaData,
                        List<Partition> otaSlots, OtaData.BootSlot boots) {

    public OtaStatus {
        otaSlots = List.copyOf(otaSlots);
    }
}
