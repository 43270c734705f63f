package io.edgedeck.link.codec;

import io.edgedeck.db.DecodeNote;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Home Assistant MQTT discovery, with the examples of https://www.home-assistant.io/integrations/mqtt/ (section
 * "MQTT Discovery": "Sensors with multiple values", "Switches", "Abbreviating topic names", "Motion detection").
 * Each test uses a fresh decoder: discovered rules live in the decoder for its session.
 */
class HomeAssistantDiscoveryTest {
    private final MessageDecoder decoder = new MessageDecoder(TopicMapping.defaults());

    private IngestBatch send(String topic, String payload) {
        return Decoding.decode(decoder, topic, payload);
    }

    private static DecodeNote onlyNote(IngestBatch b) {
        assertThat(b.readings()).isEmpty();
        assertThat(b.quarantined()).as("quarantined").isEmpty();
        assertThat(b.notes()).hasSize(1);
        return b.notes().getFirst();
    }

    @Test
    void sensorsWithMultipleValuesOnOneStateTopic() {
        assertThat(onlyNote(send("homeassistant/sensor/sensorBedroomT/config", """
                {
                   "device_class":"temperature",
                   "state_topic":"homeassistant/sensor/sensorBedroom/state",
                   "unit_of_measurement":"°C",
                   "value_template":"{{ value_json.temperature}}",
                   "unique_id":"temp01ae",
                   "device":{
                      "identifiers":[
                          "bedroom01ae"
                      ],
                      "name":"Bedroom",
                      "manufacturer": "Example sensors Ltd.",
                      "model": "Example Sensor",
                      "model_id": "K9",
                      "serial_number": "12AE3010545",
                      "hw_version": "1.01a",
                      "sw_version": "2024.1.0",
                      "configuration_url": "https://example.com/sensor_portal/config"
                   }
                }""")).message()).isEqualTo("discovered temperature of bedroom01ae on homeassistant/sensor/sensorBedroom/state");
        onlyNote(send("homeassistant/sensor/sensorBedroomH/config", """
                {
                   "device_class":"humidity",
                   "state_topic":"homeassistant/sensor/sensorBedroom/state",
                   "unit_of_measurement":"%",
                   "value_template":"{{ value_json.humidity}}",
                   "unique_id":"hum01ae",
                   "device":{
                      "identifiers":[
                         "bedroom01ae"
                      ]
                   }
                }"""));
        // "Common state payload"
        Reading r = onlyReading(send("homeassistant/sensor/sensorBedroom/state", "{ \"temperature\": 23.20, \"humidity\": 43.70 }"));
        assertThat(r.deviceId()).isEqualTo("bedroom01ae");
        assertThat(r.values()).isEqualTo(Map.of(Metric.TEMPERATURE, 23.2, Metric.HUMIDITY, 43.7));
        // the default decoder (no discovery seen) does not know this state topic
        assertThat(reason(decode("homeassistant/sensor/sensorBedroom/state", "{ \"temperature\": 23.20 }")))
                .startsWith("no discovered device publishes on this topic");
    }

    @Test
    void removingTheConfigRemovesTheFields() {
        send("homeassistant/sensor/sensorBedroomT/config", "{\"device_class\":\"temperature\",\"state_topic\":\"homeassistant/sensor/sensorBedroom/state\",\"unit_of_measurement\":\"°C\",\"value_template\":\"{{ value_json.temperature}}\",\"device\":{\"identifiers\":[\"bedroom01ae\"]}}");
        send("homeassistant/sensor/sensorBedroomH/config", "{\"device_class\":\"humidity\",\"state_topic\":\"homeassistant/sensor/sensorBedroom/state\",\"unit_of_measurement\":\"%\",\"value_template\":\"{{ value_json.humidity}}\",\"device\":{\"identifiers\":[\"bedroom01ae\"]}}");
        long version = decoder.discoveryVersion();
        // "Delete the sensor by sending an empty message" (mosquitto_pub ... -m '')
        assertThat(onlyNote(send("homeassistant/sensor/sensorBedroomH/config", "")).message())
                .isEqualTo("discovery config removed: no longer reading humidity of bedroom01ae on homeassistant/sensor/sensorBedroom/state");
        assertThat(decoder.discoveryVersion()).isGreaterThan(version);
        assertThat(onlyReading(send("homeassistant/sensor/sensorBedroom/state", "{ \"temperature\": 23.20, \"humidity\": 43.70 }"))
                .values()).isEqualTo(Map.of(Metric.TEMPERATURE, 23.2));
        send("homeassistant/sensor/sensorBedroomT/config", "");
        assertThat(decoder.discoveredMapping()).isEmpty();
        assertThat(reason(send("homeassistant/sensor/sensorBedroom/state", "{ \"temperature\": 23.20 }")))
                .startsWith("no discovered device publishes on this topic");
        assertThat(onlyNote(send("homeassistant/sensor/never/config", "")).message()).contains("had not used it");
    }

    @Test
    void switchesAndAbbreviations() {
        // "Switches"
        onlyNote(send("homeassistant/switch/irrigation/config",
                "{\"name\": \"garden\", \"command_topic\": \"homeassistant/switch/irrigation/set\", \"state_topic\": \"homeassistant/switch/irrigation/state\"}"));
        Reading on = onlyReading(send("homeassistant/switch/irrigation/state", "ON"));
        assertThat(on.deviceId()).isEqualTo("irrigation"); // no node id or device: the object id
        assertThat(on.values()).isEqualTo(Map.of(Metric.RELAY, 1.0));
        // the command topic is Home Assistant's; EdgeDeck does not read it
        assertThat(reason(send("homeassistant/switch/irrigation/set", "ON"))).startsWith("no discovered device publishes");
        // "Abbreviating topic names": ~ and stat_t, on a fresh decoder
        MessageDecoder fresh = new MessageDecoder(TopicMapping.defaults());
        Decoding.decode(fresh, "homeassistant/switch/irrigation/config",
                "{\"~\": \"homeassistant/switch/irrigation\", \"name\": \"garden\", \"cmd_t\": \"~/set\", \"stat_t\": \"~/state\"}");
        assertThat(onlyReading(Decoding.decode(fresh, "homeassistant/switch/irrigation/state", "OFF")).value(Metric.RELAY)).isEqualTo(0.0);
    }

    @Test
    void unitsAreConvertedWhAndFahrenheit() {
        send("homeassistant/sensor/plug7/energy/config", """
                {"dev_cla":"energy","stat_t":"plugs/plug7/state","unit_of_meas":"Wh","val_tpl":"{{ value_json.ENERGY.Total | float }}",
                 "dev":{"ids":["plug7mac"],"name":"Plug 7"}}""");
        send("homeassistant/sensor/plug7/power/config", """
                {"dev_cla":"power","stat_t":"plugs/plug7/state","unit_of_meas":"kW","val_tpl":"{{ value_json['ENERGY']['Power'] }}",
                 "dev":{"ids":["plug7mac"],"name":"Plug 7"}}""");
        Reading r = onlyReading(send("plugs/plug7/state", "{\"ENERGY\":{\"Total\":1500,\"Power\":0.12},\"voltage\":3100}"));
        assertThat(r.deviceId()).isEqualTo("plug7"); // the node id
        assertThat(r.value(Metric.ENERGY)).isCloseTo(1.5, within(1e-12));
        assertThat(r.value(Metric.POWER)).isCloseTo(120.0, within(1e-9));
        assertThat(r.value(Metric.VOLTAGE)).as("a field the discovery does not name is not read").isNull();
        send("homeassistant/sensor/porch/temperature/config",
                "{\"device_class\":\"temperature\",\"state_topic\":\"porch/t\",\"unit_of_measurement\":\"°F\"}");
        assertThat(onlyReading(send("porch/t", "212")).value(Metric.TEMPERATURE)).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void availabilityWithItsOwnPayloads() {
        // the climate example's abbreviations avty_t, pl_avail, pl_not_avail, on a sensor
        send("homeassistant/sensor/livingroom/temp/config", """
                {"name":"Livingroom","dev_cla":"temperature","stat_t":"homeassistant/climate/livingroom/state",
                 "val_tpl":"{{value_json.current_temp}}","avty_t":"homeassistant/climate/livingroom/available",
                 "pl_avail":"up","pl_not_avail":"down"}""");
        // "State payload" of the climate example (numbers as strings)
        assertThat(onlyReading(send("homeassistant/climate/livingroom/state",
                "{\"mode\":\"off\",\"target_temp\":\"21.50\",\"current_temp\":\"23.60\"}")).value(Metric.TEMPERATURE)).isEqualTo(23.6);
        assertThat(onlyAvailability(send("homeassistant/climate/livingroom/available", "down")).online()).isFalse();
        assertThat(onlyAvailability(send("homeassistant/climate/livingroom/available", "up")).online()).isTrue();
    }

    @Test
    void whatEdgeDeckLeavesAsideIsANoteWithTheReason() {
        // "Motion detection (binary sensor)"
        assertThat(onlyNote(send("homeassistant/binary_sensor/garden/config",
                "{\"name\": \"garden\", \"device_class\": \"motion\", \"state_topic\": \"homeassistant/binary_sensor/garden/state\"}"))
                .message()).isEqualTo("discovery config left aside: component \"binary_sensor\" is not something EdgeDeck reads (sensor and switch are)");
        assertThat(onlyNote(send("homeassistant/sensor/x/config", "{\"device_class\":\"pressure\",\"state_topic\":\"x/p\"}"))
                .message()).contains("device class \"pressure\" is not a quantity EdgeDeck stores");
        assertThat(onlyNote(send("homeassistant/sensor/y/config",
                "{\"device_class\":\"power\",\"state_topic\":\"y/p\",\"value_template\":\"{{ value_json.a + value_json.b }}\"}"))
                .message()).contains("is not one of the forms EdgeDeck reads");
        assertThat(onlyNote(send("homeassistant/sensor/z/config", "{\"device_class\":\"voltage\",\"state_topic\":\"z/v\",\"unit_of_measurement\":\"dB\"}"))
                .message()).contains("unit \"dB\" is not a unit of voltage");
        assertThat(onlyNote(send("homeassistant/status", "online")).message()).isEqualTo("Home Assistant's own online/offline status");
        assertThat(reason(send("homeassistant/sensor/x/config", "{oops"))).startsWith("malformed JSON");
        assertThat(decoder.discoveredMapping()).isEmpty();
    }

    @Test
    void discoveredRulesAreSubscribedSavedAndComeFirst() {
        send("homeassistant/sensor/kitchen/power/config",
                "{\"device_class\":\"power\",\"state_topic\":\"kitchen/sensor/kitchen_power/state\",\"unit_of_measurement\":\"kW\"}");
        // the discovered rule (kW) wins over the built-in ESPHome rule for the same topic (which would read W)
        assertThat(onlyReading(send("kitchen/sensor/kitchen_power/state", "0.5")).value(Metric.POWER)).isEqualTo(500.0);
        send("homeassistant/sensor/office/t/config", "{\"device_class\":\"temperature\",\"state_topic\":\"office/sensor1\"}");
        assertThat(decoder.subscriptionFilters()).contains("office/sensor1").doesNotContain("kitchen/sensor/kitchen_power/state");
        TopicMapping saved = decoder.discoveredMapping().orElseThrow();
        TopicMapping reloaded = TopicMapping.fromJson(saved.toJson(), "saved discovery");
        assertThat(reloaded.rules()).isEqualTo(saved.rules());
        Reading fromSaved = onlyReading(Decoding.decode(new MessageDecoder(TopicMapping.defaults().withRules(reloaded.rules())),
                "kitchen/sensor/kitchen_power/state", "0.5"));
        assertThat(fromSaved.value(Metric.POWER)).isEqualTo(500.0);
        assertThat(fromSaved.deviceId()).isEqualTo("kitchen");
    }

    @Test
    void templateForms() {
        assertThat(HaDiscovery.templatePath("{{ value_json.temperature }}")).contains(List.of("temperature"));
        assertThat(HaDiscovery.templatePath("{{value_json.ENERGY.Power}}")).contains(List.of("ENERGY", "Power"));
        assertThat(HaDiscovery.templatePath("{{ value_json['ENERGY'][\"Total\"] | float | round(2) }}")).contains(List.of("ENERGY", "Total"));
        assertThat(HaDiscovery.templatePath("{{ value }}")).contains(List.of());
        assertThat(HaDiscovery.templatePath("{{ value | float }}")).contains(List.of());
        assertThat(HaDiscovery.templatePath("{{ value_json.a * 1000 }}")).isEmpty();
        assertThat(HaDiscovery.templatePath("{% if value_json.a %}1{% endif %}")).isEmpty();
    }
}
