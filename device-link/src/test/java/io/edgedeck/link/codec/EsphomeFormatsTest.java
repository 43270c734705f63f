package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ESPHome's MQTT topics (https://esphome.io/components/mqtt.html): state on
 * {@code <TOPIC_PREFIX>/<COMPONENT_TYPE>/<COMPONENT_NAME>/state}, a retained {@code online} birth message and an
 * {@code offline} Last Will on {@code <TOPIC_PREFIX>/status}. Commands go to {@code .../command}, which is Home
 * Assistant's to send; EdgeDeck does not subscribe to it.
 */
class EsphomeFormatsTest {
    @ParameterizedTest
    @CsvSource({
            "livingroom/sensor/living_room_temperature/state, 21.5, TEMPERATURE, 21.5",
            "livingroom/sensor/living_room_humidity/state, 48.25, HUMIDITY, 48.25",
            "plug1/sensor/plug1_power/state, 119.6, POWER, 119.6",
            "plug1/sensor/plug1_voltage/state, 230.4, VOLTAGE, 230.4",
            "plug1/sensor/plug1_current/state, 0.52, CURRENT, 0.52",
            // ESPHome's total_daily_energy is in Wh unless a filter makes it kWh (esphome.io/components/sensor/total_daily_energy)
            "plug1/sensor/plug1_daily_energy/state, 1250, ENERGY, 1.25",
            "plug1/sensor/plug1_energy_kwh/state, 1.25, ENERGY, 1.25"})
    void sensorNamesSayWhatTheValueIs(String topic, String payload, Metric metric, double expected) {
        Reading r = onlyReading(decode(topic, payload));
        assertThat(r.deviceId()).isEqualTo(topic.substring(0, topic.indexOf('/')));
        assertThat(r.values()).containsOnlyKeys(metric);
        assertThat(r.value(metric)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void nanIsQuarantinedWithTheReason() {
        // ESPHome publishes "nan" when a sensor has no valid value
        assertThat(reason(decode("livingroom/sensor/living_room_temperature/state", "nan")))
                .isEqualTo("field \"living_room_temperature\" is NaN");
    }

    @Test
    void sensorsEdgeDeckDoesNotStoreGiveANote() {
        IngestBatch b = decode("livingroom/sensor/wifi_signal/state", "-57");
        assertThat(b.readings()).isEmpty();
        assertThat(b.quarantined()).isEmpty();
        assertThat(b.notes()).singleElement().satisfies(n -> assertThat(n.message())
                .isEqualTo("value \"wifi_signal\" is not a quantity EdgeDeck stores (map it with an alias in the mapping if it is one)"));
        assertThat(decode("plug1/sensor/plug1_power_factor/state", "0.98").notes()).hasSize(1);
    }

    @Test
    void switchAndStatus() {
        // the payload constants of ESPHome's MQTT components are "ON" and "OFF"
        Reading relay = onlyReading(decode("plug1/switch/relay/state", "ON"));
        assertThat(relay.deviceId()).isEqualTo("plug1");
        assertThat(relay.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(relay.value(Metric.RELAY)).isEqualTo(1.0);
        assertThat(onlyReading(decode("plug1/switch/relay/state", "OFF")).value(Metric.RELAY)).isEqualTo(0.0);
        assertThat(onlyAvailability(decode("livingroom/status", "online")).online()).isTrue();
        assertThat(onlyAvailability(decode("livingroom/status", "offline")).online()).isFalse();
    }

    @Test
    void anExplicitAliasWinsOverTheNameHeuristics() {
        var mapping = TopicMapping.defaults().withRules(java.util.List.of(
                MappingRule.of("{device_id}/sensor/{field}/state", null, PayloadFormat.VALUE)
                        .withAlias("boiler_probe", "temperature").withUnit(Metric.TEMPERATURE, "°F")));
        Reading r = onlyReading(Decoding.decode(new MessageDecoder(mapping), "boiler/sensor/boiler_probe/state", "212"));
        assertThat(r.value(Metric.TEMPERATURE)).isCloseTo(100.0, within(1e-9));
    }
}
