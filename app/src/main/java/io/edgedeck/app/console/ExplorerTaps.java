package io.edgedeck.app.console;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.TopicTap;
import io.edgedeck.services.topics.TopicTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The topic explorer's taps: one {@link TopicTap} per connected broker, each a root of the {@link TopicTree} named
 * after its connection. A tap connects on {@code background} (a broker that refuses {@code #} is said once and the
 * console goes on: ingest does not depend on the explorer). A connection taken down keeps its topics until another
 * comes up; the same connection coming up again (a new mapping) keeps its topics. "Show broker $SYS topics"
 * ({@link #showSys}) applies to every tap, present and future; what became of each tap's {@code $SYS/#} is told to
 * {@code sysNote} (a sentence when refused or failed, "" when fine or off).
 */
final class ExplorerTaps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExplorerTaps.class);

    private final TopicTree tree;
    private final Executor background;
    private final Duration timeout;
    private final BiConsumer<String, String> problem;
    private final Map<String, TopicTap> taps = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> sysNote;
    private boolean showSys;

    /** @param problem told (header, message) when a tap cannot watch its broker */
    ExplorerTaps(TopicTree tree, Executor background, Duration timeout, BiConsumer<String, String> problem) {
        this(tree, background, timeout, problem, (connection, note) -> { });
    }

    /** @param sysNote told (connection, sentence or "") how a tap's {@code $SYS/#} goes; any thread */
    ExplorerTaps(TopicTree tree, Executor background, Duration timeout, BiConsumer<String, String> problem,
                 BiConsumer<String, String> sysNote) {
        this.tree = tree;
        this.background = background;
        this.timeout = timeout;
        this.problem = problem;
        this.sysNote = sysNote;
    }

    /** Watches the brokers' {@code $SYS/#} too, or stops; for the taps now and those to come. */
    synchronized void showSys(boolean on) {
        showSys = on;
        for (TopicTap tap : taps.values()) tap.showSys(on);
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
        TopicTap tap = new TopicTap(settings, showSys);
        tap.addSysListener(status -> {
            if (taps.get(name) == tap) sysNote.accept(name, status.message()); // not when replaced meanwhile
        });
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
        if (tap != null) {
            tap.close();
            sysNote.accept(name, "");
        }
    }

    @Override
    public synchronized void close() {
        taps.values().forEach(TopicTap::close);
        taps.clear();
    }
}
