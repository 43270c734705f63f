package io.edgedeck.link.codec;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;

import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;

class DevicesPrefixTest {
    @Test
    void plugMetricsMeanPlug() {
        Reading r = onlyReading(decode("devices/esp32-a1/telemetry", "{\"voltage\": 230, \"power\": 5}"));
        assertThat(r.deviceId()).isEqualTo("esp32-a1");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(onlyReading(decode("devices/x/telemetry", "{\"current\": 0.1}")).kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(onlyReading(decode("devices/x/telemetry", "{\"relay_state\": \"on\"}")).kind()).isEqualTo(DeviceKind.PLUG);
    }

    @Test
    void climateMetricsMeanSensor() {
        Reading r = onlyReading(decode("devices/esp32-b2/telemetry", "{\"temp\": 20.5, \"humidity\": 41}"));
        assertThat(r.kind()).isEqualTo(DeviceKind.SENSOR);
        assertThat(r.value(Metric.TEMPERATURE)).isEqualTo(20.5);
    }

    @Test
    void batchKindComesFromAllReadings() {
        IngestBatch b = decode("devices/mix/telemetry",
                "[{\"ts\": 1732550400, \"temperature\": 20}, {\"ts\": 1732550401, \"power\": 3}]");
        assertThat(b.readings()).hasSize(2).allSatisfy(r -> assertThat(r.kind()).isEqualTo(DeviceKind.PLUG));
    }

    @Test
    void statusOnThePrefix() {
        assertThat(onlyReading(decode("devices/p/status", "{\"status\":\"on\"}")).kind()).isEqualTo(DeviceKind.PLUG);
        Availability a = onlyAvailability(decode("devices/p/status", "offline"));
        assertThat(a).isEqualTo(new Availability("p", DeviceKind.GENERIC, false, RECEIVED));
    }

    @Test
    void badInputOnThePrefix() {
        assertThat(reason(decode("devices/p/telemetry", "{\"power\": \"abc\"}"))).isEqualTo("field \"power\" is not a number: \"abc\"");
        assertThat(reason(decode("devices/p/other", "{\"power\": 1}"))).isEqualTo("no mapping rule matches this topic");
    }
}
