package io.edgedeck.link.esp32.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The two partition table fixtures against the decoded contents listed in SOURCES.md. */
class PartitionTableFixtureTest {
    @Test
    void singleAppTableWithMd5() {
        PartitionTable table = PartitionTable.parse(Fixtures.read("partition-table_singleapp_3k.bin"));
        assertThat(table.entries()).extracting(Partition::label, Partition::typeName, Partition::subtypeName,
                Partition::offset, Partition::size).containsExactly(
                tuple("nvs", "data", "nvs", 0x9000L, 0x6000L),
                tuple("phy_init", "data", "phy", 0xF000L, 0x1000L),
                tuple("factory", "app", "factory", 0x10000L, 0x100000L));
        assertThat(table.md5Stored()).contains("f4ad4f4538564b5d7435b62c75b69524");
        assertThat(table.md5Calculated()).contains("f4ad4f4538564b5d7435b62c75b69524");
        assertThat(table.md5Valid()).isTrue();
        assertThat(table.usedLength()).isEqualTo(128);
        assertThat(table.appSlotAt(0x10000)).map(Partition::label).contains("factory");
        assertThat(table.appSlotAt(0x9000)).isEmpty();
    }

    @Test
    void bareTableWithoutMd5OrTerminator() {
        PartitionTable table = PartitionTable.parse(Fixtures.read("partitions_singleapp_96B.bin"));
        assertThat(table.entries()).extracting(Partition::label, Partition::type, Partition::subtype,
                Partition::offset, Partition::size).containsExactly(
                tuple("factory", 0, 0x00, 0x10000L, 0x100000L),
                tuple("rfdata", 1, 0x01, 0x110000L, 0x40000L),
                tuple("wifidata", 1, 0x02, 0x150000L, 0x40000L));
        assertThat(table.md5Stored()).isEmpty();
        assertThat(table.md5Valid()).isTrue();
        assertThat(table.appSlots()).extracting(Partition::label).containsExactly("factory");
    }

    @Test
    void aPartitionTableIsNotAnImage() {
        byte[] bin = Fixtures.read("partition-table_singleapp_3k.bin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Esp32Image.parse(bin))
                .isInstanceOfSatisfying(ImageFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageFormatException.Reason.WRONG_MAGIC));
    }
}
