package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SmartPlugTelemetryTest {
    private static final String TOPIC = "smartplug/plug-01/telemetry";

    @Test
    void briefExample() {
        Reading r = onlyReading(decode(TOPIC, "{\"voltage\": 230.4, \"current\": 0.52, \"power\": 119.6, \"relay_state\": \"on\"}"));
        assertThat(r.deviceId()).isEqualTo("plug-01");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(r.epochMillis()).isEqualTo(RECEIVED);
        assertThat(r.values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Metric.VOLTAGE, 230.4, Metric.CURRENT, 0.52, Metric.POWER, 119.6, Metric.RELAY, 1.0));
    }

    @Test
    void energyAndNumericStrings() {
        Reading r = onlyReading(decode(TOPIC, "{\"voltage\": \"229.9\", \"power\": \" 12 \", \"energy\": \"1.5e1\", \"relay_state\": \"off\"}"));
        assertThat(r.value(Metric.VOLTAGE)).isEqualTo(229.9);
        assertThat(r.value(Metric.POWER)).isEqualTo(12.0);
        assertThat(r.value(Metric.ENERGY)).isEqualTo(15.0);
        assertThat(r.value(Metric.RELAY)).isEqualTo(0.0);
        assertThat(r.value(Metric.CURRENT)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"on\"|1", "\"off\"|0", "\"ON\"|1", "\"true\"|1", "\"false\"|0", "\"1\"|1", "\"0\"|0",
            "true|1", "false|0", "1|1", "0|0"})
    void relayStateSpellings(String json, double expected) {
        Reading r = onlyReading(decode(TOPIC, "{\"power\": 5, \"relay_state\": " + json + "}"));
        assertThat(r.value(Metric.RELAY)).isEqualTo(expected);
    }

    @Test
    void fieldNamesAreCaseInsensitiveAndAliasesApply() {
        Reading r = onlyReading(decode(TOPIC, "{\"Voltage\": 231, \"watts\": 40.5, \"amps\": 0.2, \"STATE\": \"on\"}"));
        assertThat(r.value(Metric.VOLTAGE)).isEqualTo(231.0);
        assertThat(r.value(Metric.POWER)).isEqualTo(40.5);
        assertThat(r.value(Metric.CURRENT)).isEqualTo(0.2);
        assertThat(r.value(Metric.RELAY)).isEqualTo(1.0);
    }

    @Test
    void unknownFieldsAreIgnored() {
        Reading r = onlyReading(decode(TOPIC, "{\"power\": 10, \"rssi\": -61, \"fw\": \"1.2.3\", \"extra\": {\"a\": [1, 2]}}"));
        assertThat(r.values()).containsOnlyKeys(Metric.POWER);
    }

    @Test
    void nullValuesAreAbsent() {
        Reading r = onlyReading(decode(TOPIC, "{\"power\": 10, \"voltage\": null}"));
        assertThat(r.values()).containsOnlyKeys(Metric.POWER);
        assertThat(reason(decode(TOPIC, "{\"power\": null}"))).isEqualTo("no value: \"power\" is null");
    }

    @Test
    void tsSecondsOnPlugTelemetry() {
        Reading r = onlyReading(decode(TOPIC, "{\"power\": 10, \"ts\": 1732550400}"));
        assertThat(r.epochMillis()).isEqualTo(1_732_550_400_000L);
    }

    @Test
    void wrongTypes() {
        assertThat(reason(decode(TOPIC, "{\"power\": \"abc\"}"))).isEqualTo("field \"power\" is not a number: \"abc\"");
        assertThat(reason(decode(TOPIC, "{\"power\": {\"w\": 1}}"))).isEqualTo("field \"power\" is not a number but an object");
        assertThat(reason(decode(TOPIC, "{\"power\": [1]}"))).isEqualTo("field \"power\" is not a number but an array");
        assertThat(reason(decode(TOPIC, "{\"power\": true}"))).isEqualTo("field \"power\" is not a number but a boolean (true)");
        assertThat(reason(decode(TOPIC, "{\"power\": \"0x10\"}"))).contains("not a number");
        assertThat(reason(decode(TOPIC, "{\"power\": \"12.5f\"}"))).contains("not a number");
        assertThat(reason(decode(TOPIC, "{\"power\": 5, \"relay_state\": \"maybe\"}")))
                .isEqualTo("field \"relay_state\" is not on/off: \"maybe\"");
        assertThat(reason(decode(TOPIC, "{\"power\": 5, \"relay_state\": 2}"))).isEqualTo("field \"relay_state\" is not on/off: 2");
    }

    @Test
    void nanAndInfinity() {
        assertThat(reason(decode(TOPIC, "{\"power\": NaN}"))).isEqualTo("field \"power\" is NaN");
        assertThat(reason(decode(TOPIC, "{\"power\": \"NaN\"}"))).isEqualTo("field \"power\" is NaN");
        assertThat(reason(decode(TOPIC, "{\"power\": Infinity}"))).isEqualTo("field \"power\" is infinite");
        assertThat(reason(decode(TOPIC, "{\"power\": -Infinity}"))).isEqualTo("field \"power\" is infinite");
        assertThat(reason(decode(TOPIC, "{\"power\": \"1e999\"}"))).isEqualTo("field \"power\" is out of range: \"1e999\"");
    }

    @Test
    void malformedJson() {
        assertThat(reason(decode(TOPIC, "{\"power\": 1"))).startsWith("malformed JSON at line 1");
        assertThat(reason(decode(TOPIC, "{power: 1}"))).startsWith("malformed JSON");
        assertThat(reason(decode(TOPIC, "{\"power\": 1} trailing"))).startsWith("malformed JSON");
        assertThat(reason(decode(TOPIC, "on"))).startsWith("malformed JSON");
    }

    @Test
    void notAnObject() {
        assertThat(reason(decode(TOPIC, "42"))).isEqualTo("expected a JSON object or an array of readings, got a number (42)");
        assertThat(reason(decode(TOPIC, "\"power\""))).startsWith("expected a JSON object or an array of readings, got a string");
    }

    @Test
    void noKnownField() {
        assertThat(reason(decode(TOPIC, "{}"))).startsWith("no known numeric field;");
        assertThat(reason(decode(TOPIC, "{\"rssi\": -60, \"uptime\": 12}")))
                .startsWith("no known numeric field (found \"rssi\", \"uptime\")")
                .contains("voltage");
    }

    @Test
    void emptyPayload() {
        assertThat(reason(decode(TOPIC, ""))).isEqualTo("empty payload");
        assertThat(reason(decode(TOPIC, "  \r\n\t "))).isEqualTo("empty payload");
    }

    @Test
    void negativeAndExponentNumbersAreNumbers() {
        Reading r = onlyReading(decode(TOPIC, "{\"power\": -1.5e2, \"current\": \"-0.25\"}"));
        assertThat(r.value(Metric.POWER)).isCloseTo(-150.0, within(1e-9));
        assertThat(r.value(Metric.CURRENT)).isEqualTo(-0.25);
    }
}
