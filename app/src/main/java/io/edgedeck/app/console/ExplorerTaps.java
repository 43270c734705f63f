package io.edgedeck.app.console;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.TopicTap;
import io.edgedeck.services.topics.TopicTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The topic explorer's taps: one {@link TopicTap} per connected broker, each a root of the {@link TopicTree} named
 * after its connection. A tap connects on {@code background} (a broker that refuses {@code #} is said once and the
 * console goes on: ingest does not depend on the explorer). A connection taken down keeps its topics until another
 * comes up; the same connection coming up again (a new mapping) keeps its topics.
 */
final class ExplorerTaps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExplorerTaps.class);

    private final TopicTree tree;
    private final Executor background;
    private final Duration timeout;
    private final BiConsumer<String, String> problem;
    private final Map<String, TopicTap> taps = new HashMap<>();

    /** @param problem told (header, message) when a tap cannot watch its broker */
    ExplorerTaps(TopicTree tree, Executor background, Duration timeout, BiConsumer<String, String> problem) {
        this.tree = tree;
        this.background = background;
        this.timeout = timeout;
        this.problem = problem;
    }

    /**
     * Starts watching {@code name}'s broker beside the others; the roots of connections taken down since (a replaced
     * primary, a disconnected one) go now.
     */
    synchronized void up(String name, BrokerSettings settings, TopicMapping mapping) {
        down(name);
        for (String other : tree.sources()) {
            if (!other.equals(name) && !taps.containsKey(other)) tree.removeSource(other);
        }
        TopicTap tap = new TopicTap(settings);
        taps.put(name, tap);
        tree.addSource(name, tap, mapping);
        background.execute(() -> {
            try {
                tap.start(timeout);
            } catch (RuntimeException e) {
                LOG.warn("The topic explorer cannot watch '{}': {}", name, e.getMessage());
                synchronized (this) {
                    if (taps.get(name) != tap) return; // replaced meanwhile
                }
                problem.accept("The topic explorer cannot watch " + name, String.valueOf(e.getMessage()));
            }
        });
    }

    /** Stops watching {@code name}; its topics stay in the tree. */
    synchronized void down(String name) {
        TopicTap tap = taps.remove(name);
        tree.detach(name);
        if (tap != null) tap.close();
    }

    @Override
    public synchronized void close() {
        taps.values().forEach(TopicTap::close);
        taps.clear();
    }
}
