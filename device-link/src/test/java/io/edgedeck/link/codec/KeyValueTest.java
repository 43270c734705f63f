package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;

class KeyValueTest {
    private static final String TOPIC = "iot/data";

    @Test
    void briefExample() {
        Reading r = onlyReading(decode(TOPIC, "temperature:23"));
        assertThat(r).isEqualTo(new Reading("iot-data", DeviceKind.GENERIC, RECEIVED, Map.of(Metric.TEMPERATURE, 23.0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "temperature:23,humidity:40", "temperature:23;humidity:40", "temperature:23\nhumidity:40",
            "temperature:23\r\nhumidity:40\r\n", " temperature : 23 ;  humidity = 40 ;", "Temperature:23,HUMIDITY:40"})
    void severalPairs(String payload) {
        Reading r = onlyReading(decode(TOPIC, payload));
        assertThat(r.values()).isEqualTo(Map.of(Metric.TEMPERATURE, 23.0, Metric.HUMIDITY, 40.0));
        assertThat(r.kind()).isEqualTo(DeviceKind.GENERIC);
    }

    @Test
    void relayTsAndUnknownKeys() {
        Reading r = onlyReading(decode(TOPIC, "relay:on,ts:2024-11-25T16:00:00Z,power:12.5,firmware:1.0.3"));
        assertThat(r.epochMillis()).isEqualTo(1_732_550_400_000L);
        assertThat(r.values()).isEqualTo(Map.of(Metric.RELAY, 1.0, Metric.POWER, 12.5));
    }

    @Test
    void jsonOnAKeyValueTopicIsDecodedAsJson() {
        Reading r = onlyReading(decode(TOPIC, "{\"temperature\": 22.5}"));
        assertThat(r.deviceId()).isEqualTo("iot-data");
        assertThat(r.values()).isEqualTo(Map.of(Metric.TEMPERATURE, 22.5));
    }

    @Test
    void badText() {
        assertThat(reason(decode(TOPIC, "temperature:abc"))).isEqualTo("field \"temperature\" is not a number: \"abc\"");
        assertThat(reason(decode(TOPIC, "temperature 23"))).isEqualTo("expected key:value, got \"temperature 23\"");
        assertThat(reason(decode(TOPIC, "temperature:23,5"))).isEqualTo("expected key:value, got \"5\"");
        assertThat(reason(decode(TOPIC, ":23"))).isEqualTo("expected key:value, got \":23\"");
        assertThat(reason(decode(TOPIC, "temperature:"))).isEqualTo("field \"temperature\" has no value");
        assertThat(reason(decode(TOPIC, "temperature:NaN"))).isEqualTo("field \"temperature\" is NaN");
        assertThat(reason(decode(TOPIC, "temperature:Infinity"))).isEqualTo("field \"temperature\" is not a number: \"Infinity\"");
        assertThat(reason(decode(TOPIC, "pressure:1013,wind:3"))).startsWith("no known numeric field (found \"pressure\", \"wind\")");
        assertThat(reason(decode(TOPIC, ",;\n"))).startsWith("no known numeric field;");
        assertThat(reason(decode(TOPIC, "   "))).isEqualTo("empty payload");
        assertThat(reason(decode(TOPIC, "ts:1,temperature:1"))).isEqualTo("field \"ts\" is before the year 2000: \"1\"");
    }

    @Test
    void fixedDeviceIdAndKindFromARule() {
        var mapping = TopicMapping.defaults().withRules(List.of(
                MappingRule.of("iot/data", DeviceKind.SENSOR, PayloadFormat.KEYVALUE).withDevice("lab-probe")));
        Reading r = onlyReading(Decoding.decode(new MessageDecoder(mapping), TOPIC, "temperature:23"));
        assertThat(r.deviceId()).isEqualTo("lab-probe");
        assertThat(r.kind()).isEqualTo(DeviceKind.SENSOR);
    }

    @Test
    void wildcardKeyValueTopicsDeriveTheDeviceFromTheTopic() {
        var mapping = TopicMapping.of(List.of(MappingRule.of("collector/#", null, PayloadFormat.KEYVALUE)));
        var decoder = new MessageDecoder(mapping);
        Reading r = onlyReading(Decoding.decode(decoder, "collector/hall/a", "temperature:23"));
        assertThat(r.deviceId()).isEqualTo("collector-hall-a");
        assertThat(r.kind()).isEqualTo(DeviceKind.SENSOR); // inferred
        assertThat(reason(Decoding.decode(decoder, "collector/h all", "temperature:23")))
                .isEqualTo("device id \"collector-h all\" from the topic is not allowed (use 1-64 characters of A-Z a-z 0-9 . _ : -)");
    }
}
