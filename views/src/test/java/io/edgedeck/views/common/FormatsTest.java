package io.edgedeck.views.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {
    @Test
    void ageIsShortAndReadable() {
        long now = 1_000_000_000L;
        assertThat(Formats.age(now - 400, now)).isEqualTo("just now");
        assertThat(Formats.age(now - 3_000, now)).isEqualTo("3 s ago");
        assertThat(Formats.age(now - 59_999, now)).isEqualTo("59 s ago");
        assertThat(Formats.age(now - 60_000, now)).isEqualTo("1 min ago");
        assertThat(Formats.age(now - 7_200_000, now)).isEqualTo("2 h ago");
        assertThat(Formats.age(now - 3 * 86_400_000L, now)).isEqualTo("3 d ago");
        assertThat(Formats.age(0, now)).isEqualTo("never");
    }

    @Test
    void hexPreviewCutsAndMarksTheRest() {
        byte[] p = {0x7b, 0x22, (byte) 0xff, 0x00};
        assertThat(Formats.hexPreview(p, 10)).isEqualTo("7b 22 ff 00");
        assertThat(Formats.hexPreview(p, 2)).isEqualTo("7b 22 …");
    }

    @Test
    void hexDumpShowsOffsetsAndAscii() {
        String dump = Formats.hexDump("temperature:23\u0001xyz".getBytes(StandardCharsets.UTF_8));
        assertThat(dump.lines()).hasSize(2);
        assertThat(dump.lines().findFirst().orElseThrow()).startsWith("00000000  74 65 6d 70").endsWith("temperature:23.x");
        assertThat(dump.lines().skip(1).findFirst().orElseThrow()).startsWith("00000010  79 7a");
    }

    @Test
    void payloadTextReplacesControlCharacters() {
        assertThat(Formats.payloadText("a\nb\u0000c".getBytes(StandardCharsets.UTF_8), 100)).isEqualTo("a·b·c");
        assertThat(Formats.payloadText("abcdef".getBytes(StandardCharsets.UTF_8), 3)).isEqualTo("abc…");
    }

    @Test
    void unknownNumbersShowADash() {
        assertThat(Formats.number(Double.NaN, 1)).isEqualTo("–");
        assertThat(Formats.number(119.64, 1)).isEqualTo("119.6");
    }
}
