package io.edgedeck.link.codec;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DecodeNote;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.edgedeck.link.codec.Decoding.DEFAULTS;
import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tasmota's MQTT payloads, copied from the Tasmota documentation (source next to each sample). */
class TasmotaFormatsTest {
    @Test
    void sonoffPowR2Energy() {
        // https://tasmota.github.io/docs/devices/Sonoff-Pow-R2/  (tele/pow1/SENSOR = ...)
        Reading r = onlyReading(decode("tele/pow1/SENSOR", """
                {"Time":"2018-02-15T17:37:10","ENERGY":{"TotalStartTime":"2018-11-14T18:39:40","Total":6.294,"Yesterday":5.340,"Today":0.954,"Period":217,"Power":2635,"ApparentPower":2650,"ReactivePower":282,"Factor":0.99,"Voltage":227,"Current":11.661}}"""));
        assertThat(r.deviceId()).isEqualTo("pow1");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(r.epochMillis()).isEqualTo(RECEIVED); // Tasmota's Time has no offset
        // Total is already kWh (EdgeDeck's energy unit); Today, Yesterday, ApparentPower, ReactivePower, Factor are not stored
        assertThat(r.values()).isEqualTo(Map.of(Metric.ENERGY, 6.294, Metric.POWER, 2635.0, Metric.VOLTAGE, 227.0,
                Metric.CURRENT, 11.661));
    }

    @Test
    void am2301IsHowTasmotaReportsADht22() {
        // https://tasmota.github.io/docs/AM2301/
        Reading r = onlyReading(decode("tele/bathroom/SENSOR", """
                {
                  "Time": "2019-01-01T00:00:00",
                  "AM2301": {
                    "Temperature": 24.6,
                    "Humidity": 58.2
                  },
                  "TempUnit": "C"
                }"""));
        assertThat(r.kind()).isEqualTo(DeviceKind.SENSOR);
        assertThat(r.values()).isEqualTo(Map.of(Metric.TEMPERATURE, 24.6, Metric.HUMIDITY, 58.2));
    }

    @Test
    void bme280() {
        // https://tasmota.github.io/docs/BME280/ (Wemos DHT Shield); Pressure is not stored
        Reading r = onlyReading(decode("tele/wemos/SENSOR", """
                {
                  "Time": "2019-11-03T19:34:28",
                  "BME280": {
                    "Temperature": 21.7,
                    "Humidity": 66.6,
                    "Pressure": 988.6
                  },
                  "PressureUnit": "hPa",
                  "TempUnit": "C"
                }"""));
        assertThat(r.values()).isEqualTo(Map.of(Metric.TEMPERATURE, 21.7, Metric.HUMIDITY, 66.6));
    }

    @Test
    void severalDs18b20AreChannelsOfTheDevice() {
        // https://tasmota.github.io/docs/DS18x20/
        IngestBatch b = decode("tele/tank/SENSOR",
                "{\"Time\":\"2021-01-02T09:09:44\",\"DS18B20-1\":{\"Id\":\"00000566CC39\",\"Temperature\":13.3},\"DS18B20-2\":{\"Id\":\"0000059352D4\",\"Temperature\":1.2},\"DS18B20-3\":{\"Id\":\"000005937C90\",\"Temperature\":22.5},\"TempUnit\":\"C\"}");
        assertThat(b.quarantined()).isEmpty();
        assertThat(b.readings()).extracting(Reading::deviceId).containsExactly("tank-1", "tank-2", "tank-3");
        assertThat(b.readings()).extracting(x -> x.value(Metric.TEMPERATURE)).containsExactly(13.3, 1.2, 22.5);
        assertThat(b.readings()).allSatisfy(x -> assertThat(x.kind()).isEqualTo(DeviceKind.SENSOR));
        // one DS18B20 has no number: the device itself
        // https://tasmota.github.io/docs/MQTT/ (tele/tasmota/SENSOR {"Time":"2017-02-16T10:13:52", "DS18B20":{"Temperature":20.6}})
        assertThat(onlyReading(decode("tele/tasmota/SENSOR", "{\"Time\":\"2017-02-16T10:13:52\", \"DS18B20\":{\"Temperature\":20.6}}"))
                .values()).isEqualTo(Map.of(Metric.TEMPERATURE, 20.6));
    }

    @Test
    void tempUnitFahrenheitIsConvertedForEverySensor() {
        // https://tasmota.github.io/docs/JSON-Status-Responses/ "SHT3X (and DHT11, multiple Sensor example)": the
        // StatusSNS object, which is what tele/<topic>/SENSOR carries. Both sensors map to the device's temperature;
        // the later one (SHT3X) wins.
        Reading r = onlyReading(decode("tele/lab/SENSOR", """
                {
                    "Time": "2018-02-07T20:16:19",
                    "DHT11": {
                      "Temperature": 78.8,
                      "Humidity": 27.0
                    },
                    "SHT3X": {
                      "Temperature": 74.8,
                      "Humidity": 18.9
                    },
                    "TempUnit": "F"
                }"""));
        assertThat(r.value(Metric.TEMPERATURE)).isCloseTo((74.8 - 32) * 5 / 9, within(1e-9));
        assertThat(r.value(Metric.HUMIDITY)).isEqualTo(18.9);
        assertThat(reason(decode("tele/lab/SENSOR", "{\"DHT11\":{\"Temperature\":20},\"TempUnit\":\"X\"}")))
                .isEqualTo("temperature unit \"X\" is not C, F or K");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DHT11", "AM2301", "SI7021", "BME280", "SHT3X", "HTU21"})
    void everyCommonClimateSensorKey(String sensor) {
        Reading r = onlyReading(decode("tele/t/SENSOR", "{\"" + sensor + "\":{\"Temperature\":20.5,\"Humidity\":40}}"));
        assertThat(r.values()).isEqualTo(Map.of(Metric.TEMPERATURE, 20.5, Metric.HUMIDITY, 40.0));
    }

    @Test
    void multiChannelArraysBecomeDevicesPerChannel() {
        // the example "Power":[52,5]; "Current":[1.320,2.100] from https://tasmota.github.io/docs/Rules/
        IngestBatch b = decode("tele/shelly25/SENSOR", """
                {"Time":"2024-11-25T17:00:00","ENERGY":{"Total":0.250,"Power":[52,5],"Voltage":236,"Current":[1.320,2.100],
                 "Factor":[0.98,0.40]}}""");
        assertThat(b.quarantined()).isEmpty();
        assertThat(b.readings()).extracting(Reading::deviceId).containsExactly("shelly25", "shelly25-1", "shelly25-2");
        Reading meter = b.readings().get(0);
        assertThat(meter.values()).isEqualTo(Map.of(Metric.ENERGY, 0.25, Metric.VOLTAGE, 236.0));
        assertThat(b.readings().get(1).values()).isEqualTo(Map.of(Metric.POWER, 52.0, Metric.CURRENT, 1.32));
        assertThat(b.readings().get(2).values()).isEqualTo(Map.of(Metric.POWER, 5.0, Metric.CURRENT, 2.1));
        assertThat(reason(decode("tele/x/SENSOR", "{\"ENERGY\":{\"Power\":[52,\"n/a\"]}}")))
                .isEqualTo("field \"ENERGY.Power[2]\" is not a number: \"n/a\"");
    }

    @Test
    void stateRelayAndWifi() {
        // https://tasmota.github.io/docs/DeepSleep/ (tele/demo-sensor/STATE)
        Reading state = onlyReading(decode("tele/demo-sensor/STATE",
                "{\"Time\":\"2021-06-27T15:03:44+02:00\",\"Uptime\":\"0T00:00:13\",\"UptimeSec\":13,\"Heap\":28,\"SleepMode\":\"Dynamic\",\"Sleep\":50,\"LoadAvg\":19,\"MqttCount\":1,\"POWER\":\"ON\",\"Wifi\":{\"AP\":1,\"SSId\":\"DEMOAP\",\"BSSId\":\"XX:XX:XX:XX:XX:XX\",\"Channel\":1,\"Mode\":\"11n\",\"RSSI\":86,\"Signal\":-57,\"LinkCount\":1,\"Downtime\":\"0T00:00:07\"}}"));
        assertThat(state.deviceId()).isEqualTo("demo-sensor");
        assertThat(state.values()).isEqualTo(Map.of(Metric.RELAY, 1.0));
        // the same page: a device without a relay has no POWER — understood, nothing to store, not quarantined
        IngestBatch noRelay = decode("tele/tasmota/STATE",
                "{\"Time\":\"2019-09-04T13:08:48\",\"Epoch\":1567595328,\"Uptime\":\"0T00:00:14\",\"UptimeSec\":14,\"Heap\":24,\"SleepMode\":\"Dynamic\",\"Sleep\":50,\"LoadAvg\":20,\"MqttCount\":1,\"Wifi\":{\"AP\":1,\"SSId\":\"MyWLAN\",\"BSSId\":\"AA:FF:AA:AA:AA:AA\",\"Channel\":11,\"RSSI\":100,\"LinkCount\":1,\"Downtime\":\"0T00:00:08\",\"DeepSleep\":300,\"Heap\":25160}}");
        assertThat(noRelay.readings()).isEmpty();
        assertThat(noRelay.quarantined()).isEmpty();
        assertThat(noRelay.notes()).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(DecodeNote.Level.INFO);
            assertThat(n.message()).startsWith("nothing EdgeDeck stores in this message");
        });
        IngestBatch twoRelays = decode("tele/dual/STATE", "{\"POWER1\":\"ON\",\"POWER2\":\"OFF\"}");
        assertThat(twoRelays.readings()).extracting(Reading::deviceId).containsExactly("dual-1", "dual-2");
        assertThat(twoRelays.readings()).extracting(x -> x.value(Metric.RELAY)).containsExactly(1.0, 0.0);
    }

    @Test
    void lwtPowerAndResult() {
        // https://tasmota.github.io/docs/MQTT/ : tele/tasmota_XXXXXX/LWT = Online (retained); stat/tasmota/POWER ON
        assertThat(onlyAvailability(decode("tele/tasmota_XXXXXX/LWT", "Online")))
                .isEqualTo(new Availability("tasmota_XXXXXX", DeviceKind.PLUG, true, RECEIVED));
        assertThat(onlyAvailability(decode("tele/tasmota_XXXXXX/LWT", "Offline")).online()).isFalse();
        assertThat(onlyReading(decode("stat/tasmota/POWER", "ON")).values()).isEqualTo(Map.of(Metric.RELAY, 1.0));
        Reading second = onlyReading(decode("stat/sonoff4ch/POWER2", "OFF"));
        assertThat(second.deviceId()).isEqualTo("sonoff4ch-2");
        assertThat(second.values()).isEqualTo(Map.of(Metric.RELAY, 0.0));
        // https://tasmota.github.io/docs/API/ : stat/wemos2/RESULT = {"POWER1":"OFF"} / {"POWER2":"ON"}
        assertThat(onlyReading(decode("stat/wemos2/RESULT", "{\"POWER1\":\"OFF\"}")))
                .extracting(Reading::deviceId, x -> x.value(Metric.RELAY)).containsExactly("wemos2-1", 0.0);
        assertThat(onlyReading(decode("stat/wemos2/RESULT", "{\"POWER2\":\"ON\"}")))
                .extracting(Reading::deviceId, x -> x.value(Metric.RELAY)).containsExactly("wemos2-2", 1.0);
        // https://tasmota.github.io/docs/AWS-IoT-cert/ : a RESULT of another command is a note, not a quarantine
        IngestBatch tls = decode("stat/tasmota/RESULT", "{\"TLSKey1\":-1,\"TLSKey2\":-1}");
        assertThat(tls.quarantined()).isEmpty();
        assertThat(tls.notes()).hasSize(1);
        // https://tasmota.github.io/docs/devices/Sonoff-Pow-R2/ : stat/pow1/STATUS8 is understood, not stored
        IngestBatch status8 = decode("stat/pow1/STATUS8",
                "{\"StatusSNS\":{\"Time\":\"2018-11-15T08:54:18\",\"ENERGY\":{\"TotalStartTime\":\"2018-11-14T18:39:40\",\"Total\":6.404,\"Yesterday\":5.340,\"Today\":1.064,\"Power\":2629,\"ApparentPower\":2645,\"ReactivePower\":288,\"Factor\":0.99,\"Voltage\":226,\"Current\":11.677}}}");
        assertThat(status8.readings()).isEmpty();
        assertThat(status8.notes()).hasSize(1);
    }

    @Test
    void aRetainedPowerCommandIsAWarning() {
        // https://tasmota.github.io/docs/MQTT/ : "a power message in your MQTT broker flagged as 'retained' will
        // always override the PowerOnState" — the cause of "ghost switching"
        IngestBatch retained = DEFAULTS.decode("cmnd/tasmota/POWER", "ON".getBytes(StandardCharsets.UTF_8), true, RECEIVED);
        assertThat(retained.readings()).isEmpty();
        assertThat(retained.quarantined()).isEmpty();
        assertThat(retained.notes()).singleElement().satisfies(n -> {
            assertThat(n.isWarning()).isTrue();
            assertThat(n.topic()).isEqualTo("cmnd/tasmota/POWER");
            assertThat(n.message()).contains("retained command \"ON\"", "Tasmota device tasmota",
                    "switches by itself", "mosquitto_pub -r -n -t 'cmnd/tasmota/POWER'");
        });
        IngestBatch live = DEFAULTS.decode("cmnd/tasmota/POWER", "toggle".getBytes(StandardCharsets.UTF_8), false, RECEIVED);
        assertThat(live.notes()).singleElement().satisfies(n -> assertThat(n.isWarning()).isFalse());
        IngestBatch cleared = DEFAULTS.decode("cmnd/tasmota/POWER", new byte[0], true, RECEIVED);
        assertThat(cleared.notes()).singleElement().satisfies(n -> assertThat(n.message()).contains("cleared"));
        assertThat(DEFAULTS.decode("cmnd/sonoff4ch/POWER4", "off".getBytes(StandardCharsets.UTF_8), true, RECEIVED)
                .notes()).singleElement().satisfies(n -> assertThat(n.isWarning()).isTrue());
    }
}
