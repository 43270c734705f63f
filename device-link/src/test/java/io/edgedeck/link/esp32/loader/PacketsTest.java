package io.edgedeck.link.esp32.loader;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PacketsTest {

    @Test
    void syncRequestIsTheDocumentedBytes() {
        byte[] p = Packets.request(new Command.Sync());
        assertThat(p).hasSize(8 + 36);
        assertThat(p[0]).isEqualTo((byte) 0x00);           // direction: request
        assertThat(p[1]).isEqualTo((byte) 0x08);           // SYNC
        assertThat(p[2]).isEqualTo((byte) 36);             // size, little-endian
        assertThat(p[3]).isEqualTo((byte) 0);
        assertThat(new byte[] {p[8], p[9], p[10], p[11]}).containsExactly(0x07, 0x07, 0x12, 0x20);
        assertThat(p[43]).isEqualTo((byte) 0x55);
    }

    @Test
    void spiAttachIsEightBytesOnTheRom() {
        assertThat(new Command.SpiAttach(0).payload()).hasSize(8).containsOnly(0);
    }

    @Test
    void flashDataCarriesHeaderAndChecksumOfTheDataOnly() {
        byte[] block = {0x01, 0x02, 0x04};
        Command.FlashData c = new Command.FlashData(7, block);
        byte[] p = Packets.request(c);
        // header: len 3, seq 7, 0, 0
        assertThat(p).hasSize(8 + 16 + 3);
        assertThat(p[8]).isEqualTo((byte) 3);
        assertThat(p[12]).isEqualTo((byte) 7);
        assertThat(c.checksum()).isEqualTo(0xEF ^ 0x01 ^ 0x02 ^ 0x04);
        assertThat(p[4]).isEqualTo((byte) (0xEF ^ 0x07));  // checksum field, little-endian
        // 1024 equal bytes cancel out: the checksum is weak, MD5 is the real check
        assertThat(Command.checksumOf(new byte[1024])).isEqualTo(0xEF);
    }

    @Test
    void statusSitsAfterTheCommandsOwnData() {
        // MD5: 32 ASCII hex characters, then status 0, error 0, 0, 0
        byte[] hex = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[8 + 36];
        frame[0] = 1;
        frame[1] = 0x13;
        frame[2] = 36;
        System.arraycopy(hex, 0, frame, 8, 32);
        Response r = Packets.parse(frame);
        assertThat(r).isNotNull();
        assertThat(r.ok()).isTrue();
        assertThat(new String(r.data(), StandardCharsets.US_ASCII)).isEqualTo("0123456789abcdef0123456789abcdef");

        // a failed READ_REG: status 1, error 0x05 at offset 0
        byte[] bad = {1, 0x0A, 4, 0, 0, 0, 0, 0, 1, 0x05, 0, 0};
        Response b = Packets.parse(bad);
        assertThat(b.ok()).isFalse();
        assertThat(b.romError()).isEqualTo(RomError.INVALID_MESSAGE);
    }

    @Test
    void framesWithAWrongSizeOrDirectionAreNotResponses() {
        assertThat(Packets.parse(new byte[] {1, 0x0A, 4, 0, 0, 0, 0, 0, 0, 0, 0})).isNull();   // one byte short
        assertThat(Packets.parse(new byte[] {0, 0x0A, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0})).isNull(); // a request
    }

    @Test
    void timeoutsScaleLikeEsptool() {
        assertThat(new Command.SpiFlashMd5(0, 1000).timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(new Command.SpiFlashMd5(0, 2_000_000).timeout()).isEqualTo(Duration.ofSeconds(16));
        assertThat(new Command.FlashBegin(4_000_000, 3907, 0x400, 0).timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(new Command.Sync().timeout()).isEqualTo(Duration.ofMillis(100));
    }
}
