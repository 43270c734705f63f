package io.edgedeck.bench;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.TappedMessage;
import io.edgedeck.services.topics.TopicTree;

import java.util.Locale;

/**
 * The topic explorer's model under load (prints figures; not a test): N messages over T topics — 90 % plugs in the
 * built-in format, 10 % unknown publishers — recorded into a {@link TopicTree} as the taps do, then what the Topics
 * tab's pulse takes from it ({@link TopicTree#drain()}) with every topic changed. Messages are spread over 10 simulated
 * seconds so rates and the once-a-second reclassification take part.
 * <p>Usage: {@code bench/topics [N=100000] [topics=10000]}
 */
public final class TopicTreeBenchmark {
    private TopicTreeBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int topics = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        SampleTopics sample = SampleTopics.of(topics);
        String[] names = sample.names();
        byte[][] payloads = sample.payloads();
        for (int round = 1; round <= 3; round++) {
            long[] clock = {1_764_000_000_000L};
            TopicTree tree = new TopicTree(() -> clock[0]);
            tree.attach("bench", TopicMapping.defaults());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int k = i % topics;
                clock[0] = 1_764_000_000_000L + (long) i * 10_000 / n; // 10 s of messages
                tree.record("bench", new TappedMessage(names[k], payloads[k], payloads[k].length, false, 0, clock[0]));
            }
            long recordNanos = System.nanoTime() - t0;
            long d0 = System.nanoTime();
            TopicTree.Changes first = tree.drain();
            long drainNanos = System.nanoTime() - d0;
            clock[0] += 1_000;
            long r0 = System.nanoTime();
            TopicTree.Changes rates = tree.drain(); // a new second: every active node's rate
            long ratesNanos = System.nanoTime() - r0;
            System.out.printf(Locale.ROOT, "round %d: %,d messages over %,d topics recorded in %,d ms (%,.0f msgs/s, "
                            + "%.2f µs each); first drain %,d nodes in %.1f ms; a new second's rate refresh %,d nodes in %.1f ms; "
                            + "%,d unknown topics%n",
                    round, n, first.topics(), recordNanos / 1_000_000, n / (recordNanos / 1e9), recordNanos / 1e3 / n,
                    first.changed().size(), drainNanos / 1e6, rates.changed().size(), ratesNanos / 1e6,
                    first.unknownTopics());
        }
    }
}
