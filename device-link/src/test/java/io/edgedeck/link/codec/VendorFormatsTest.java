package io.edgedeck.link.codec;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tasmota and Shelly native MQTT payloads, as the default mapping reads them. */
class VendorFormatsTest {
    @Test
    void tasmotaEnergySensor() {
        Reading r = onlyReading(decode("tele/tasmota_ABC123/SENSOR", """
                {"Time":"2024-11-25T17:00:00","ENERGY":{"TotalStartTime":"2024-01-01T00:00:00","Total":12.345,
                 "Yesterday":0.5,"Today":0.2,"Period":1,"Power":119,"ApparentPower":125,"ReactivePower":30,
                 "Factor":0.95,"Voltage":230,"Current":0.52}}"""));
        assertThat(r.deviceId()).isEqualTo("tasmota_ABC123");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(r.epochMillis()).isEqualTo(RECEIVED); // Tasmota's Time has no offset: receive time counts
        assertThat(r.values()).isEqualTo(Map.of(Metric.ENERGY, 12.345, Metric.POWER, 119.0, Metric.VOLTAGE, 230.0,
                Metric.CURRENT, 0.52));
    }

    @Test
    void tasmotaDht11() {
        Reading r = onlyReading(decode("tele/th10/SENSOR",
                "{\"Time\":\"2024-11-25T17:00:00\",\"DHT11\":{\"Temperature\":21.4,\"Humidity\":48.0,\"DewPoint\":10.1},\"TempUnit\":\"C\"}"));
        assertThat(r.kind()).isEqualTo(DeviceKind.SENSOR);
        assertThat(r.values()).isEqualTo(Map.of(Metric.TEMPERATURE, 21.4, Metric.HUMIDITY, 48.0));
    }

    @Test
    void tasmotaNestedWrongType() {
        assertThat(reason(decode("tele/x/SENSOR", "{\"ENERGY\":{\"Power\":\"n/a\"}}")))
                .isEqualTo("field \"ENERGY.Power\" is not a number: \"n/a\"");
    }

    @Test
    void tasmotaStateLwtAndPower() {
        Reading state = onlyReading(decode("tele/plug1/STATE",
                "{\"Time\":\"2024-11-25T17:00:00\",\"Uptime\":\"0T01:00:00\",\"Heap\":26,\"POWER\":\"ON\",\"Wifi\":{\"RSSI\":80}}"));
        assertThat(state.values()).isEqualTo(Map.of(Metric.RELAY, 1.0));
        assertThat(onlyAvailability(decode("tele/plug1/LWT", "Offline")))
                .isEqualTo(new Availability("plug1", DeviceKind.PLUG, false, RECEIVED));
        assertThat(onlyReading(decode("stat/plug1/POWER", "OFF")).values()).isEqualTo(Map.of(Metric.RELAY, 0.0));
    }

    @Test
    void shellyGen1() {
        assertThat(onlyReading(decode("shellies/shellyplug-s-7C87CE/relay/0/power", "42.17")).values())
                .isEqualTo(Map.of(Metric.POWER, 42.17));
        Reading energy = onlyReading(decode("shellies/shellyplug-s-7C87CE/relay/0/energy", "60000"));
        assertThat(energy.value(Metric.ENERGY)).isCloseTo(1.0, within(1e-9)); // watt-minutes -> kWh
        assertThat(onlyReading(decode("shellies/shellyplug-s-7C87CE/relay/0", "on")).values())
                .isEqualTo(Map.of(Metric.RELAY, 1.0));
        assertThat(onlyAvailability(decode("shellies/shellyplug-s-7C87CE/online", "false")).online()).isFalse();
        assertThat(reason(decode("shellies/shellyplug-s-7C87CE/relay/0/power", "n/a")))
                .isEqualTo("field \"power\" is not a number: \"n/a\"");
        assertThat(reason(decode("shellies/shellyplug-s-7C87CE/relay/0/power", "{\"power\": 1}")))
                .isEqualTo("expected a bare power value, got an object");
    }

    @Test
    void shellyGen2Switch() {
        Reading r = onlyReading(decode("shellyplusplugs-a8032ab12345/status/switch:0", """
                {"id":0, "source":"init", "output":true, "apower":8.9, "voltage":237.5, "current":0.068,
                 "aenergy":{"total":6.532,"by_minute":[45.199,47.141,88.397],"minute_ts":1654511972},
                 "temperature":{"tC":23.5, "tF":74.4}}"""));
        assertThat(r.deviceId()).isEqualTo("shellyplusplugs-a8032ab12345");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(r.value(Metric.TEMPERATURE)).isEqualTo(23.5); // the device's own temperature (temperature.tC)
        assertThat(r.value(Metric.RELAY)).isEqualTo(1.0);
        assertThat(r.value(Metric.POWER)).isEqualTo(8.9);
        assertThat(r.value(Metric.VOLTAGE)).isEqualTo(237.5);
        assertThat(r.value(Metric.CURRENT)).isEqualTo(0.068);
        assertThat(r.value(Metric.ENERGY)).isCloseTo(0.006532, within(1e-12)); // Wh -> kWh
        assertThat(onlyAvailability(decode("shellyplusplugs-a8032ab12345/online", "true")).online()).isTrue();
    }
}
