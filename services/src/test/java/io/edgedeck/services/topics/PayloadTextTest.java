package io.edgedeck.services.topics;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTextTest {
    private static PayloadText of(String s) {
        return PayloadText.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonIsIndentedWithItsNumbersAsWritten() {
        var p = of("{\"power\":412.50,\"relay\":\"on\",\"n\":[1,2]}");
        assertThat(p.kind()).isEqualTo(PayloadText.Kind.JSON);
        assertThat(p.text()).contains("\n  \"power\" : 412.50,\n").contains("\"relay\" : \"on\"");
    }

    @Test
    void textStaysTextAndBrokenJsonIsShownAsItCame() {
        assertThat(of("temperature:23").kind()).isEqualTo(PayloadText.Kind.TEXT);
        var broken = of("{\"power\": 4");
        assertThat(broken.kind()).isEqualTo(PayloadText.Kind.TEXT);
        assertThat(broken.text()).isEqualTo("{\"power\": 4");
        assertThat(PayloadText.of(new byte[0]).kind()).isEqualTo(PayloadText.Kind.EMPTY);
    }

    @Test
    void binaryIsAHexDumpWithPrintableCharacters() {
        byte[] b = {0x00, 0x01, 'A', 'B', (byte) 0xff, 0x7b, 0x0a, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19};
        var p = PayloadText.of(b);
        assertThat(p.kind()).isEqualTo(PayloadText.Kind.BINARY);
        assertThat(p.text().lines().toList()).containsExactly(
                "0000  00 01 41 42 ff 7b 0a 10  11 12 13 14 15 16 17 18  |..AB.{..........|",
                "0010  19                                                |.|");
    }

    @Test
    void aLargeBinaryPayloadIsCut() {
        var p = PayloadText.of(new byte[10_000]);
        assertThat(p.text()).endsWith("… 5,904 more bytes\n");
    }
}
