package io.edgedeck.link.codec;

import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.edgedeck.link.codec.Decoding.DEFAULTS;
import static io.edgedeck.link.codec.Decoding.RECEIVED;
import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;

class RobustnessTest {
    @Test
    void unknownTopic() {
        assertThat(reason(decode("home/livingroom/lamp", "{\"power\": 1}"))).isEqualTo("no mapping rule matches this topic");
        assertThat(reason(decode("smartplug/p1/telemetry/extra", "{\"power\": 1}"))).isEqualTo("no mapping rule matches this topic");
        assertThat(reason(decode("smartplug/p1", "{\"power\": 1}"))).isEqualTo("no mapping rule matches this topic");
        assertThat(reason(decode("", "{\"power\": 1}"))).isEqualTo("no mapping rule matches this topic");
    }

    @Test
    void badDeviceIdsFromTheTopic() {
        assertThat(reason(decode("smartplug//telemetry", "{\"power\": 1}"))).isEqualTo("the topic has an empty device id");
        assertThat(reason(decode("smartplug/plug one/telemetry", "{\"power\": 1}")))
                .isEqualTo("device id \"plug one\" from the topic is not allowed (use 1-64 characters of A-Z a-z 0-9 . _ : -)");
        assertThat(reason(decode("smartplug/plüg/telemetry", "{\"power\": 1}"))).contains("is not allowed");
        assertThat(reason(decode("smartplug/" + "a".repeat(65) + "/telemetry", "{\"power\": 1}"))).contains("is not allowed");
        assertThat(onlyReading(decode("smartplug/" + "a".repeat(64) + "/telemetry", "{\"power\": 1}")).deviceId()).hasSize(64);
        assertThat(onlyReading(decode("smartplug/AB:cd_01.x-y/telemetry", "{\"power\": 1}")).deviceId()).isEqualTo("AB:cd_01.x-y");
    }

    @Test
    void oversizedPayloadIsQuarantinedAndCut() {
        var decoder = new MessageDecoder(TopicMapping.defaults(), 64);
        byte[] big = ("{\"power\": 1, \"pad\": \"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        IngestBatch b = decoder.decode("smartplug/p/telemetry", big, RECEIVED);
        assertThat(b.readings()).isEmpty();
        assertThat(b.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.reason()).isEqualTo("payload of " + big.length + " bytes is over the limit of 64 bytes (only the first 64 bytes are kept)");
            assertThat(q.payload()).hasSize(64);
            assertThat(q.topic()).isEqualTo("smartplug/p/telemetry");
        });
        byte[] exactly = "{\"power\": 1}".getBytes(StandardCharsets.UTF_8);
        assertThat(new MessageDecoder(TopicMapping.defaults(), exactly.length)
                .decode("smartplug/p/telemetry", exactly, RECEIVED).readings()).hasSize(1);
    }

    @Test
    void defaultLimitIs256KiB() {
        assertThat(DEFAULTS.maxPayloadBytes()).isEqualTo(256 * 1024);
        byte[] big = new byte[256 * 1024 + 1];
        assertThat(reason(DEFAULTS.decode("smartplug/p/telemetry", big, RECEIVED))).startsWith("payload of 262145 bytes is over the limit");
    }

    @Test
    void quarantineKeepsTopicAndPayload() {
        byte[] payload = "{oops".getBytes(StandardCharsets.UTF_8);
        IngestBatch b = DEFAULTS.decode("sensors/s/telemetry", payload, RECEIVED);
        assertThat(b.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.topic()).isEqualTo("sensors/s/telemetry");
            assertThat(q.payload()).isEqualTo(payload);
            assertThat(q.reason()).startsWith("malformed JSON");
        });
    }

    @Test
    void invalidUtf8AndNullInputs() {
        byte[] bad = {'{', '"', 'p', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertThat(reason(DEFAULTS.decode("smartplug/p/telemetry", bad, RECEIVED))).startsWith("malformed JSON");
        assertThat(reason(DEFAULTS.decode("smartplug/p/telemetry", null, RECEIVED))).isEqualTo("empty payload");
        assertThat(reason(DEFAULTS.decode(null, new byte[]{'1'}, RECEIVED))).isEqualTo("no mapping rule matches this topic");
        byte[] bom = "\uFEFFtemperature:5".getBytes(StandardCharsets.UTF_8);
        assertThat(onlyReading(DEFAULTS.decode("iot/data", bom, RECEIVED)).value(Metric.TEMPERATURE)).isEqualTo(5.0);
    }

    @Test
    void deeplyNestedJsonDoesNotThrow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(reason(decode("sensors/s/telemetry", deep))).isNotBlank();
    }

    @Test
    void longValuesAreCutInReasons() {
        String r = reason(decode("smartplug/p/telemetry", "{\"power\": \"" + "9x".repeat(500) + "\"}"));
        assertThat(r).startsWith("field \"power\" is not a number: \"9x9x").endsWith("…\"").hasSizeLessThan(100);
    }

    @Test
    void randomBytesNeverThrowAndAlwaysGiveAResult() {
        Random random = new Random(42);
        String[] topics = {"smartplug/p/telemetry", "smartplug/p/status", "sensors/s/telemetry", "sensors/s/availability",
                "iot/data", "devices/d/telemetry", "tele/t/SENSOR", "shellies/s/relay/0/power", "x/y"};
        String[] seeds = {"{\"power\": 1}", "[{\"ts\": 1732550400, \"temperature\": 1}]", "temperature:1;humidity:2",
                "{\"status\":\"on\"}", "online", "{\"ENERGY\":{\"Power\":1}}"};
        for (int i = 0; i < 20_000; i++) {
            byte[] p = seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8);
            int flips = random.nextInt(4);
            for (int f = 0; f < flips && p.length > 0; f++) {
                p[random.nextInt(p.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(10) == 0) {
                p = java.util.Arrays.copyOf(p, random.nextInt(p.length + 1));
            }
            IngestBatch b = DEFAULTS.decode(topics[random.nextInt(topics.length)], p, RECEIVED);
            assertThat(b.isEmpty()).isFalse();
            b.quarantined().forEach(q -> assertThat(q.reason()).doesNotStartWith("decoder error"));
        }
    }

    @Test
    void concurrentDecodingGivesTheSameResults() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                Callable<Boolean> job = () -> {
                    for (int i = 0; i < 5_000; i++) {
                        var r = onlyReading(decode("smartplug/p" + id + "/telemetry", "{\"power\": " + i + "}"));
                        if (!r.deviceId().equals("p" + id) || r.value(Metric.POWER) != i) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(job));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
