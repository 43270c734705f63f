package io.edgedeck.link.codec;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;

class AvailabilityTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "smartplug/p1/availability|online|p1|PLUG|true",
            "smartplug/p1/availability|offline|p1|PLUG|false",
            "smartplug/p1/availability|Online|p1|PLUG|true",
            "smartplug/p1/availability|OFFLINE|p1|PLUG|false",
            "sensors/s-9/availability|online|s-9|SENSOR|true",
            "sensors/s-9/availability|Offline|s-9|SENSOR|false",
            "sensors/s-9/status|offline|s-9|SENSOR|false",
            "sensors/s-9/status|{\"status\":\"offline\"}|s-9|SENSOR|false",
            "sensors/s-9/status|{\"status\":\"Online\"}|s-9|SENSOR|true",
            "sensors/s-9/availability|{\"online\": false}|s-9|SENSOR|false",
            "sensors/s-9/availability|true|s-9|SENSOR|true",
            "sensors/s-9/availability|0|s-9|SENSOR|false",
            "sensors/s-9/availability|\"online\"|s-9|SENSOR|true",
            "devices/dev.3/availability|offline|dev.3|GENERIC|false",
    })
    void availabilityPayloads(String topic, String payload, String device, DeviceKind kind, boolean online) {
        Availability a = onlyAvailability(decode(topic, payload));
        assertThat(a).isEqualTo(new Availability(device, kind, online, RECEIVED));
    }

    @Test
    void relayWordsAreNotAvailability() {
        assertThat(reason(decode("sensors/s-9/availability", "on"))).isEqualTo("availability \"on\" is neither online nor offline");
    }

    @Test
    void badAvailabilityPayloads() {
        assertThat(reason(decode("sensors/s-9/availability", ""))).isEqualTo("empty payload");
        assertThat(reason(decode("sensors/s-9/availability", "{\"status\": 5}"))).contains("neither online nor offline");
        assertThat(reason(decode("sensors/s-9/availability", "{\"reason\": \"x\"}"))).isEqualTo("no \"status\" or \"online\" field");
        assertThat(reason(decode("sensors/s-9/availability", "{\"status\": "))).startsWith("malformed JSON");
        assertThat(reason(decode("sensors/s-9/availability", "sleeping\u0007"))).isEqualTo("availability \"sleeping\\u0007\" is neither online nor offline");
    }
}
