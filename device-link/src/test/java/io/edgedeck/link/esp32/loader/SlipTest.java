package io.edgedeck.link.esp32.loader;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlipTest {

    @Test
    void escapesEndAndEscInsideTheFrame() {
        byte[] frame = Slip.encode(new byte[] {0x01, (byte) 0xC0, 0x02, (byte) 0xDB, 0x03});
        assertThat(frame).containsExactly(
                0xC0,                    // start
                0x01, 0xDB, 0xDC,        // C0 -> DB DC
                0x02, 0xDB, 0xDD,        // DB -> DB DD
                0x03,
                0xC0);                   // end
    }

    @Test
    void decodesWhatItEncodes() {
        byte[] packet = new byte[300];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        assertThat(decodeAll(Slip.encode(packet))).hasSize(1).first().isEqualTo(packet);
    }

    @Test
    void skipsBootTextBetweenFramesAndKeepsIt() {
        SlipDecoder d = new SlipDecoder();
        byte[] text = "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> frames = new ArrayList<>();
        for (byte[] chunk : List.of(text, Slip.encode(new byte[] {1, 2}), "noise".getBytes(), Slip.encode(new byte[] {3}))) {
            for (byte b : chunk) {
                byte[] f = d.feed(b);
                if (f != null) {
                    frames.add(f);
                }
            }
        }
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).containsExactly(1, 2);
        assertThat(frames.get(1)).containsExactly(3);
        assertThat(d.noise()).contains("boot:0x13").contains("noise");
    }

    @Test
    void backToBackFramesShareNothingAndEmptyFramesAreIgnored() {
        byte[] two = {(byte) 0xC0, 0x05, (byte) 0xC0, (byte) 0xC0, 0x06, (byte) 0xC0};
        assertThat(decodeAll(two)).hasSize(2);
        assertThat(decodeAll(new byte[] {(byte) 0xC0, (byte) 0xC0})).isEmpty();
    }

    private static List<byte[]> decodeAll(byte[] bytes) {
        SlipDecoder d = new SlipDecoder();
        List<byte[]> out = new ArrayList<>();
        for (byte b : bytes) {
            byte[] f = d.feed(b);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }
}
