package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
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

class SensorTelemetryTest {
    private static final String TOPIC = "sensors/dht-kitchen/telemetry";

    @Test
    void singleObject() {
        Reading r = onlyReading(decode(TOPIC, "{\"temperature\": 21.4, \"humidity\": 48}"));
        assertThat(r).isEqualTo(new Reading("dht-kitchen", DeviceKind.SENSOR, RECEIVED,
                Map.of(Metric.TEMPERATURE, 21.4, Metric.HUMIDITY, 48.0)));
    }

    @Test
    void briefBatchArray() {
        IngestBatch b = decode(TOPIC, "[{\"ts\": 1732550400, \"temperature\": 21.4, \"humidity\": 48},"
                + " {\"ts\": 1732550460, \"temperature\": 21.5, \"humidity\": 48}]");
        assertThat(b.quarantined()).isEmpty();
        assertThat(b.readings()).containsExactly(
                new Reading("dht-kitchen", DeviceKind.SENSOR, 1_732_550_400_000L, Map.of(Metric.TEMPERATURE, 21.4, Metric.HUMIDITY, 48.0)),
                new Reading("dht-kitchen", DeviceKind.SENSOR, 1_732_550_460_000L, Map.of(Metric.TEMPERATURE, 21.5, Metric.HUMIDITY, 48.0)));
    }

    @Test
    void readingsObject() {
        IngestBatch b = decode(TOPIC, "{\"device\": \"ignored\", \"readings\": [{\"ts\": 1732550400000, \"temp\": 20},"
                + " {\"ts\": \"2024-11-25T16:01:00Z\", \"hum\": 50.5}]}");
        assertThat(b.quarantined()).isEmpty();
        assertThat(b.readings()).extracting(Reading::epochMillis).containsExactly(1_732_550_400_000L, 1_732_550_460_000L);
        assertThat(b.readings().get(0).values()).isEqualTo(Map.of(Metric.TEMPERATURE, 20.0));
        assertThat(b.readings().get(1).values()).isEqualTo(Map.of(Metric.HUMIDITY, 50.5));
    }

    @Test
    void singleElementBatchMayOmitTs() {
        Reading r = onlyReading(decode(TOPIC, "[{\"temperature\": 19}]"));
        assertThat(r.epochMillis()).isEqualTo(RECEIVED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1732550400|1732550400000",
            "1732550400.25|1732550400250",
            "1732550400123|1732550400123",
            "\"1732550400\"|1732550400000",
            "\"1732550400123\"|1732550400123",
            "\"2024-11-25T16:00:00Z\"|1732550400000",
            "\"2024-11-25T16:00:00.5Z\"|1732550400500",
            "\"2024-11-25T17:00:00+01:00\"|1732550400000",
            "\"2024-11-25T11:00:00-05:00\"|1732550400000",
    })
    void tsVariants(String ts, long expected) {
        Reading r = onlyReading(decode(TOPIC, "{\"ts\": " + ts + ", \"temperature\": 21}"));
        assertThat(r.epochMillis()).isEqualTo(expected);
    }

    @Test
    void timestampIsASynonymOfTs() {
        assertThat(onlyReading(decode(TOPIC, "{\"timestamp\": 1732550400, \"temperature\": 21}")).epochMillis())
                .isEqualTo(1_732_550_400_000L);
    }

    @Test
    void implausibleTs() {
        assertThat(reason(decode(TOPIC, "{\"ts\": 12, \"temperature\": 21}"))).isEqualTo("field \"ts\" is before the year 2000: 12");
        assertThat(reason(decode(TOPIC, "{\"ts\": 946684799, \"temperature\": 21}"))).contains("before the year 2000");
        assertThat(reason(decode(TOPIC, "{\"ts\": \"1999-12-31T23:59:59Z\", \"temperature\": 21}"))).contains("before the year 2000");
        // two days after receipt
        assertThat(reason(decode(TOPIC, "{\"ts\": 1732723500, \"temperature\": 21}")))
                .startsWith("field \"ts\" is more than a day in the future: 1732723500 (2024-11-27T16:05:00Z)");
        assertThat(reason(decode(TOPIC, "{\"ts\": 99999999999999999, \"temperature\": 21}"))).contains("more than a day in the future");
        assertThat(reason(decode(TOPIC, "{\"ts\": -1732550400, \"temperature\": 21}"))).contains("before the year 2000");
    }

    @Test
    void tsWithinADayAheadIsAccepted() {
        long ts = (RECEIVED + 3_600_000L) / 1000;
        assertThat(onlyReading(decode(TOPIC, "{\"ts\": " + ts + ", \"temperature\": 21}")).epochMillis()).isEqualTo(ts * 1000);
    }

    @Test
    void badTs() {
        assertThat(reason(decode(TOPIC, "{\"ts\": \"yesterday\", \"temperature\": 21}")))
                .startsWith("field \"ts\" is not a time: \"yesterday\" (expected epoch seconds or milliseconds, or ISO-8601");
        assertThat(reason(decode(TOPIC, "{\"ts\": \"2024-11-25T16:00:00\", \"temperature\": 21}")))
                .startsWith("field \"ts\" is not a time: \"2024-11-25T16:00:00\"");
        assertThat(reason(decode(TOPIC, "{\"ts\": true, \"temperature\": 21}"))).isEqualTo("field \"ts\" is not a time but a boolean (true)");
        assertThat(reason(decode(TOPIC, "{\"ts\": NaN, \"temperature\": 21}"))).isEqualTo("field \"ts\" is NaN");
    }

    @Test
    void badElementQuarantinesWholeBatchNamingTheIndex() {
        String payload = "[{\"ts\": 1732550400, \"temperature\": 21.4}, {\"ts\": 1732550460, \"temperature\": \"hot\"}]";
        assertThat(reason(decode(TOPIC, payload))).isEqualTo("reading [1]: field \"temperature\" is not a number: \"hot\"");
        assertThat(reason(decode(TOPIC, "[{\"ts\": 1732550400, \"temperature\": 21.4}, 7]")))
                .isEqualTo("reading [1] is not a JSON object but a number (7)");
        assertThat(reason(decode(TOPIC, "{\"readings\": [{\"ts\": 1732550400, \"temperature\": NaN}]}")))
                .isEqualTo("reading [0]: field \"temperature\" is NaN");
        assertThat(reason(decode(TOPIC, "[{\"ts\": 1732550400, \"temperature\": 1}, {\"ts\": 1732550460}]")))
                .startsWith("reading [1]: no known numeric field");
    }

    @Test
    void batchOfSeveralNeedsTsOnEach() {
        assertThat(reason(decode(TOPIC, "[{\"ts\": 1732550400, \"temperature\": 21.4}, {\"temperature\": 21.5}]")))
                .isEqualTo("reading [1]: no \"ts\" (in a batch of 2 readings each needs its own time)");
    }

    @Test
    void emptyAndMisshapenBatches() {
        assertThat(reason(decode(TOPIC, "[]"))).isEqualTo("the batch has no readings");
        assertThat(reason(decode(TOPIC, "{\"readings\": []}"))).isEqualTo("the batch has no readings");
        assertThat(reason(decode(TOPIC, "{\"readings\": {\"temperature\": 1}}"))).isEqualTo("field \"readings\" is not an array but an object");
    }

    @Test
    void failedDhtReadIsNull() {
        assertThat(reason(decode(TOPIC, "{\"temperature\": null, \"humidity\": null}")))
                .isEqualTo("no value: \"temperature\", \"humidity\" are null");
    }

    @Test
    void humidityAliasRh() {
        assertThat(onlyReading(decode(TOPIC, "{\"RH\": 55}")).value(Metric.HUMIDITY)).isEqualTo(55.0);
    }
}
