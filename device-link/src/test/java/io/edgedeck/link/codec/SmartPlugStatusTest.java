package io.edgedeck.link.codec;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;

class SmartPlugStatusTest {
    private static final String TOPIC = "smartplug/plug-7/status";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"status\": \"on\"}|1", "{\"status\":\"off\"}|0", "{\"status\":\"ON\"}|1", "{\"state\":\"off\"}|0",
            "{\"status\": true}|1", "on|1", "OFF|0", "\"on\"|1", "'  off  '|0",
            // a signed command's acknowledgement (docs/command-protocol.md) still carries the relay state
            "'{\"status\":\"on\",\"nonce\":\"AAECAwQFBgcICQoLDA0ODw\",\"result\":\"accepted\"}'|1",
            "'{\"status\":\"off\",\"nonce\":\"AAECAwQFBgcICQoLDA0ODw\",\"result\":\"rejected\",\"reason\":\"expired\"}'|0"})
    void relayStatusBecomesRelayReading(String payload, double relay) {
        Reading r = onlyReading(decode(TOPIC, payload));
        assertThat(r.deviceId()).isEqualTo("plug-7");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(r.epochMillis()).isEqualTo(RECEIVED);
        assertThat(r.values()).containsExactlyEntriesOf(Map.of(Metric.RELAY, relay));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"status\":\"online\"}|true", "{\"status\":\"offline\"}|false", "online|true", "offline|false",
            "Online|true", "Offline|false", "\"offline\"|false"})
    void onlineOfflineBecomesAvailability(String payload, boolean online) {
        Availability a = onlyAvailability(decode(TOPIC, payload));
        assertThat(a).isEqualTo(new Availability("plug-7", DeviceKind.PLUG, online, RECEIVED));
    }

    @Test
    void unknownStatusWord() {
        assertThat(reason(decode(TOPIC, "{\"status\":\"rebooting\"}")))
                .isEqualTo("status \"rebooting\" is neither on/off nor online/offline");
        assertThat(reason(decode(TOPIC, "dimmed"))).isEqualTo("status \"dimmed\" is neither on/off nor online/offline");
    }

    @Test
    void badStatusShapes() {
        assertThat(reason(decode(TOPIC, "{\"relay\":\"on\"}"))).isEqualTo("no \"status\" field");
        assertThat(reason(decode(TOPIC, "{\"status\":{\"on\":1}}"))).isEqualTo("field \"status\" is not a status word but an object");
        assertThat(reason(decode(TOPIC, "[\"on\"]"))).isEqualTo("expected a status word or object, got an array");
        assertThat(reason(decode(TOPIC, "{\"status\":\"on\""))).startsWith("malformed JSON");
        assertThat(reason(decode(TOPIC, ""))).isEqualTo("empty payload");
    }

    @Test
    void surroundingWhitespaceAndLineBreaksAreIgnored() {
        assertThat(onlyReading(decode(TOPIC, " off\r\n")).value(Metric.RELAY)).isEqualTo(0.0);
    }
}
