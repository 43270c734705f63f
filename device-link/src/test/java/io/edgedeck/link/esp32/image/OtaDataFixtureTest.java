package io.edgedeck.link.esp32.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated otadata sectors against otadata.expected.json (entries and the slot that boots). */
class OtaDataFixtureTest {
    @Test
    void everyOtadataFixtureDecodesAndBootsTheExpectedSlot() throws IOException {
        JsonNode all = new ObjectMapper().readTree(Fixtures.read("otadata.expected.json"));
        int files = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_")) {
                continue;
            }
            files++;
            OtaData ota = OtaData.parse(Fixtures.read(e.getKey()));
            JsonNode entries = e.getValue().get("entries");
            assertThat(ota.entries()).hasSize(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                JsonNode x = entries.get(i);
                OtaData.Entry entry = ota.entries().get(i);
                String where = e.getKey() + " entry " + i;
                assertThat(entry.offset()).as(where).isEqualTo(x.get("offset").asLong());
                assertThat(entry.otaSeq()).as(where).isEqualTo(x.get("ota_seq").asLong());
                assertThat(entry.otaState()).as(where).isEqualTo(x.get("ota_state").asLong());
                assertThat(entry.crc()).as(where).isEqualTo(x.get("crc").asLong());
                assertThat(entry.crcExpected()).as(where).isEqualTo(x.get("crc_expected").asLong());
                assertThat(entry.valid()).as(where).isEqualTo(x.get("valid").asBoolean());
            }
            JsonNode slot = e.getValue().get("boot_slot");
            assertThat(ota.bootSlot(2, false).name()).as(e.getKey() + " with 2 OTA apps").isEqualTo(slot.get("2_ota_apps").asText());
            assertThat(ota.bootSlot(4, false).name()).as(e.getKey() + " with 4 OTA apps").isEqualTo(slot.get("4_ota_apps").asText());
            assertThat(ota.bootSlot(2, true).name()).as(e.getKey() + " with rollback")
                    .isEqualTo(slot.get("2_ota_apps_rollback_enabled").asText());
        }
        assertThat(files).isEqualTo(7);
    }

    @Test
    void selectingTheOtherSlotWritesTheNextSequenceIntoTheOtherSector() {
        byte[] current = Fixtures.read("otadata_seq1_seq2_ota1.bin"); // seq 2 in sector 1 boots ota_1
        OtaData ota = OtaData.parse(current);
        OtaData.SectorWrite write = ota.select(0, 2);
        assertThat(write.sectorIndex()).isEqualTo(0);
        assertThat(write.offset()).isEqualTo(0);
        assertThat(write.otaSeq()).isEqualTo(3);
        assertThat(ota.apply(write, current).bootSlot(2).name()).isEqualTo("ota_0");
    }
}
