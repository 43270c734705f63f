package io.edgedeck.link.codec;

import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.QuarantinedMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random and mutated messages through one decoder (its discovered devices accumulating as in a session): real samples
 * of every format, mutated byte by byte and token by token, random bytes, random and mangled topics of every format,
 * retained or not. Each must come back either decoded (readings, availability or a note, nothing quarantined) or
 * quarantined alone with a reason — never an exception, never a "decoder error", never a hang.
 *
 * <p>Reproducible: the seed is fixed unless {@code -Dedgedeck.fuzz.seed=N} is given, and every failure names it.
 */
class DecoderFuzzTest {
    private static final int MESSAGES = 12_000;
    private static final long DEFAULT_SEED = 0x5EED_2024_11_25L;

    /** Real samples (sources in the format tests) with the topic they arrive on. */
    private static final String[][] SAMPLES = {
            {"smartplug/plug-01/telemetry", "{\"voltage\": 230.4, \"current\": 0.52, \"power\": 119.6, \"relay_state\": \"on\", \"energy\": 12.5}"},
            {"smartplug/plug-01/status", "{\"status\": \"offline\"}"},
            {"sensors/climate-1/telemetry", "[{\"ts\": 1732550400, \"temperature\": 21.4, \"humidity\": 48}, {\"ts\": 1732550460, \"temperature\": 21.5}]"},
            {"iot/data", "temperature:23;humidity:40"},
            {"tele/pow1/SENSOR", "{\"Time\":\"2018-02-15T17:37:10\",\"ENERGY\":{\"TotalStartTime\":\"2018-11-14T18:39:40\",\"Total\":6.294,\"Yesterday\":5.340,\"Today\":0.954,\"Period\":217,\"Power\":2635,\"ApparentPower\":2650,\"ReactivePower\":282,\"Factor\":0.99,\"Voltage\":227,\"Current\":11.661}}"},
            {"tele/bathroom/SENSOR", "{\"Time\": \"2019-01-01T00:00:00\", \"AM2301\": {\"Temperature\": 24.6, \"Humidity\": 58.2}, \"TempUnit\": \"C\"}"},
            {"tele/tank/SENSOR", "{\"Time\":\"2021-01-02T09:09:44\",\"DS18B20-1\":{\"Id\":\"00000566CC39\",\"Temperature\":13.3},\"DS18B20-2\":{\"Id\":\"0000059352D4\",\"Temperature\":1.2},\"TempUnit\":\"F\"}"},
            {"tele/shelly25/SENSOR", "{\"ENERGY\":{\"Total\":0.250,\"Power\":[52,5],\"Voltage\":236,\"Current\":[1.320,2.100]}}"},
            {"tele/demo-sensor/STATE", "{\"Time\":\"2021-06-27T15:03:44+02:00\",\"Uptime\":\"0T00:00:13\",\"POWER\":\"ON\",\"Wifi\":{\"AP\":1,\"RSSI\":86,\"Signal\":-57}}"},
            {"tele/tasmota_XXXXXX/LWT", "Online"},
            {"stat/tasmota/POWER", "ON"},
            {"stat/wemos2/RESULT", "{\"POWER2\":\"ON\"}"},
            {"cmnd/tasmota/POWER", "ON"},
            {"shellies/shellyplug-s-7C87CE/relay/0/energy", "60000"},
            {"shellyplus1pm-a8032ab12345/status/switch:0", "{\"id\":0,\"source\":\"timer\",\"output\":true,\"apower\":8.9,\"voltage\":237.5,\"aenergy\":{\"total\":6.532,\"by_minute\":[45.199,47.141,88.397],\"minute_ts\":1626935779},\"temperature\":{\"tC\":23.5,\"tF\":74.4}}"},
            {"shellypro4pm-f008d1d8b8b8/events/rpc", "{\"src\":\"shellypro4pm-f008d1d8b8b8\",\"dst\":\"user_1\",\"method\":\"NotifyStatus\",\"params\":{\"ts\":1631186545.04,\"switch:0\":{\"id\":0,\"output\":true,\"source\":\"button\"}}}"},
            {"shellyplus1pm-a8032ab12345/online", "true"},
            {"homeassistant/sensor/sensorBedroomT/config", "{\"device_class\":\"temperature\",\"state_topic\":\"homeassistant/sensor/sensorBedroom/state\",\"unit_of_measurement\":\"°C\",\"value_template\":\"{{ value_json.temperature}}\",\"unique_id\":\"temp01ae\",\"device\":{\"identifiers\":[\"bedroom01ae\"],\"name\":\"Bedroom\"}}"},
            {"homeassistant/sensor/sensorBedroom/state", "{ \"temperature\": 23.20, \"humidity\": 43.70 }"},
            {"homeassistant/switch/irrigation/config", "{\"~\": \"homeassistant/switch/irrigation\", \"name\": \"garden\", \"cmd_t\": \"~/set\", \"stat_t\": \"~/state\"}"},
            {"homeassistant/switch/irrigation/state", "ON"},
            {"livingroom/sensor/living_room_temperature/state", "21.5"},
            {"livingroom/sensor/living_room_temperature/state", "nan"},
            {"plug1/switch/relay/state", "OFF"},
            {"livingroom/status", "online"},
    };

    /** Topic shapes of every format; {} is replaced by a random (sometimes invalid) level. */
    private static final String[] TOPIC_SHAPES = {
            "smartplug/{}/telemetry", "smartplug/{}/status", "smartplug/{}/availability", "sensors/{}/telemetry",
            "sensors/{}/availability", "devices/{}/telemetry", "devices/{}/status", "iot/data",
            "tele/{}/SENSOR", "tele/{}/STATE", "tele/{}/LWT", "stat/{}/POWER", "stat/{}/POWER{}", "stat/{}/RESULT",
            "stat/{}/{}", "cmnd/{}/POWER", "cmnd/{}/{}", "shellies/{}/relay/{}/power", "shellies/{}/relay/{}/energy",
            "shellies/{}/relay/{}", "shellies/{}/online", "{}/status/switch:{}", "{}/events/rpc", "{}/online",
            "homeassistant/sensor/{}/config", "homeassistant/switch/{}/{}/config", "homeassistant/{}/{}/config",
            "homeassistant/{}", "{}/sensor/{}/state", "{}/switch/{}/state", "{}/status", "{}", "{}/{}/{}/{}/{}/{}"};

    private static final String[] TOKENS = {"NaN", "Infinity", "-Infinity", "1e999", "-0", "null", "true", "\"\"", "[]",
            "{}", "\"ON\"", "\"nan\"", "9007199254740993", "0x10", "\"°F\"", "\"{{ value_json.x }}\"", "\"~/state\"",
            "[52,5,null]", "{\"a\":{\"b\":{\"c\":[]}}}", "\"\\u0000\"", "1.7976931348623157E309"};

    @Test
    void randomAndMutatedMessagesAreDecodedOrQuarantinedWithAReason() {
        long seed = Long.getLong("edgedeck.fuzz.seed", DEFAULT_SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(seed),
                () -> "fuzzing with seed " + seed + " did not finish within 60 s (a hang?); repeat with -Dedgedeck.fuzz.seed=" + seed);
    }

    private static void run(long seed) {
        Random random = new Random(seed);
        MessageDecoder decoder = new MessageDecoder(TopicMapping.defaults());
        int decoded = 0;
        int quarantined = 0;
        for (int i = 0; i < MESSAGES; i++) {
            String topic = topic(random);
            byte[] payload = payload(random, topic);
            boolean retained = random.nextInt(4) == 0;
            String what = "seed " + seed + ", message " + i + " on " + MessageDecoder.quote(topic) + ": "
                    + MessageDecoder.quote(new String(payload, StandardCharsets.UTF_8));
            IngestBatch b;
            try {
                b = decoder.decode(topic, payload, retained, 1_732_550_700_000L);
            } catch (Throwable t) {
                throw new AssertionError(what + " threw " + t, t);
            }
            if (b.quarantined().isEmpty()) {
                assertThat(b.readings().isEmpty() && b.availability().isEmpty() && b.notes().isEmpty())
                        .as(what + ": neither decoded nor quarantined").isFalse();
                decoded++;
            } else {
                assertThat(b.readings()).as(what + ": readings beside a quarantine").isEmpty();
                assertThat(b.availability()).as(what + ": availability beside a quarantine").isEmpty();
                assertThat(b.quarantined()).as(what).hasSize(1);
                QuarantinedMessage q = b.quarantined().getFirst();
                assertThat(q.reason()).as(what + ": reason").isNotBlank().doesNotStartWith("decoder error");
                quarantined++;
            }
        }
        // the mix must exercise both outcomes substantially, or the fuzzing proves little
        assertThat(decoded).as("seed " + seed + ": decoded").isGreaterThan(MESSAGES / 20);
        assertThat(quarantined).as("seed " + seed + ": quarantined").isGreaterThan(MESSAGES / 20);
    }

    private static String topic(Random r) {
        int pick = r.nextInt(10);
        if (pick < 5) {
            return SAMPLES[r.nextInt(SAMPLES.length)][0];
        }
        if (pick < 9) {
            String shape = TOPIC_SHAPES[r.nextInt(TOPIC_SHAPES.length)];
            StringBuilder b = new StringBuilder();
            int from = 0;
            for (int at = shape.indexOf("{}"); at >= 0; at = shape.indexOf("{}", from)) {
                b.append(shape, from, at).append(level(r));
                from = at + 2;
            }
            return b.append(shape.substring(from)).toString();
        }
        return new String(randomBytes(r, r.nextInt(40)), StandardCharsets.UTF_8);
    }

    private static String level(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "a".repeat(60 + r.nextInt(10)); // around the 64-character limit
            case 2 -> "plug one";
            case 3 -> "plüg";
            case 4 -> String.valueOf(r.nextInt(1200));
            case 5 -> "POWER" + r.nextInt(20);
            case 6 -> "switch:" + r.nextInt(5);
            case 7 -> "#";
            case 8 -> "+";
            case 9 -> "{device_id}";
            default -> "dev" + r.nextInt(8); // few ids, so discovered devices repeat and stay bounded
        };
    }

    private static byte[] payload(Random r, String topic) {
        int pick = r.nextInt(10);
        if (pick == 0) {
            return randomBytes(r, r.nextInt(300));
        }
        String base = sampleFor(r, topic);
        if (pick == 1) {
            return base.getBytes(StandardCharsets.UTF_8); // unmutated
        }
        if (pick < 5) {
            return replaceTokens(r, base).getBytes(StandardCharsets.UTF_8);
        }
        return mutateBytes(r, base.getBytes(StandardCharsets.UTF_8));
    }

    private static String sampleFor(Random r, String topic) {
        for (String[] s : SAMPLES) {
            if (s[0].equals(topic) && r.nextBoolean()) {
                return s[1];
            }
        }
        return SAMPLES[r.nextInt(SAMPLES.length)][1];
    }

    /** Replaces values, keys or whole objects with hostile tokens. */
    private static String replaceTokens(Random r, String s) {
        String out = s;
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n && !out.isEmpty(); k++) {
            int at = r.nextInt(out.length());
            int len = Math.min(out.length() - at, 1 + r.nextInt(12));
            out = out.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + out.substring(at + len);
        }
        return out;
    }

    private static byte[] mutateBytes(Random r, byte[] p) {
        byte[] out = p;
        int n = 1 + r.nextInt(6);
        for (int k = 0; k < n; k++) {
            switch (r.nextInt(6)) {
                case 0 -> { // flip
                    if (out.length > 0) out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
                case 1 -> out = Arrays.copyOf(out, r.nextInt(out.length + 1)); // truncate
                case 2 -> { // insert
                    int at = r.nextInt(out.length + 1);
                    byte[] ins = randomBytes(r, 1 + r.nextInt(8));
                    byte[] next = new byte[out.length + ins.length];
                    System.arraycopy(out, 0, next, 0, at);
                    System.arraycopy(ins, 0, next, at, ins.length);
                    System.arraycopy(out, at, next, at + ins.length, out.length - at);
                    out = next;
                }
                case 3 -> { // delete a range
                    if (out.length > 1) {
                        int at = r.nextInt(out.length);
                        int len = Math.min(out.length - at, 1 + r.nextInt(10));
                        byte[] next = new byte[out.length - len];
                        System.arraycopy(out, 0, next, 0, at);
                        System.arraycopy(out, at + len, next, at, out.length - at - len);
                        out = next;
                    }
                }
                case 4 -> { // duplicate the payload (trailing tokens, repeated keys)
                    byte[] next = Arrays.copyOf(out, out.length * 2);
                    System.arraycopy(out, 0, next, out.length, out.length);
                    out = next;
                }
                default -> { // nest it deeply
                    String s = new String(out, StandardCharsets.UTF_8);
                    int depth = 1 + r.nextInt(2000);
                    out = ("{\"a\":".repeat(depth) + s + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return out;
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void theSamplesThemselvesAreNeverQuarantinedExceptNan() {
        MessageDecoder decoder = new MessageDecoder(TopicMapping.defaults());
        List<String> nanTopics = List.of("livingroom/sensor/living_room_temperature/state");
        for (String[] s : SAMPLES) {
            IngestBatch b = decoder.decode(s[0], s[1].getBytes(StandardCharsets.UTF_8), false, 1_732_550_700_000L);
            if (s[1].equals("nan") && nanTopics.contains(s[0])) {
                assertThat(b.quarantined()).as(s[0]).hasSize(1);
            } else {
                assertThat(b.quarantined()).as(s[0] + " " + s[1]).isEmpty();
            }
        }
    }
}
