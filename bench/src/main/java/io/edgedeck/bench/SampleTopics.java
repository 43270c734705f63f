package io.edgedeck.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The topic explorer benchmarks' traffic: {@code count} topics, nine in ten EdgeDeck smart plugs, one in ten an
 * unknown meter format, each with a fixed payload.
 */
record SampleTopics(String[] names, byte[][] payloads) {
    static SampleTopics of(int count) {
        String[] names = new String[count];
        byte[][] payloads = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (i % 10 == 9) {
                names[i] = String.format(Locale.ROOT, "site-%02d/meter-%05d/data", i % 37, i);
                payloads[i] = "{\"watts\": 412.5, \"volts\": 229.8}".getBytes(StandardCharsets.UTF_8);
            } else {
                names[i] = String.format(Locale.ROOT, "smartplug/plug-%05d/telemetry", i);
                payloads[i] = "{\"voltage\": 230.4, \"current\": 0.52, \"power\": 119.6, \"relay_state\": \"on\"}"
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return new SampleTopics(names, payloads);
    }
}
