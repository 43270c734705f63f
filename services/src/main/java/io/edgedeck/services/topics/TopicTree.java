package io.edgedeck.services.topics;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.TappedMessage;
import io.edgedeck.link.mqtt.TopicTap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The topic explorer's model: every topic each broker connection has seen, as a tree with one root per connection
 * ({@link #addSource}). Per node: message count, rate over a sliding window, newest time — each summed over its
 * branch — and for a topic its last payload and whether the connection's mapping understands it
 * ({@link TopicClassifier}; asked on a topic's first message, every {@value #RECLASSIFY_MILLIS} ms after, and for
 * every topic when the mapping changes).
 *
 * <h2>Threads</h2>
 * Thread-safe: taps record on their own threads; a view takes what changed with {@link #drain()} a few times a second
 * (nodes whose counts changed, and once a second those whose rate may have decayed). No JavaFX here.
 */
public final class TopicTree {
    /** The rate is the mean over this many whole seconds before the current one. */
    public static final int RATE_WINDOW_SECONDS = 5;
    /** How often a busy topic's classification is asked again (its payload may have changed shape). */
    public static final long RECLASSIFY_MILLIS = 5_000;

    private final LongSupplier clock;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Set<Node> dirty = new LinkedHashSet<>();
    private final Set<Node> active = new HashSet<>();
    private final List<String> removedSources = new ArrayList<>();
    private long lastDrainSecond = Long.MIN_VALUE;
    private int topics;
    private int unknownTopics;

    /** @param clockMillis the time (epoch milliseconds) used for rates and classification */
    public TopicTree(LongSupplier clockMillis) {
        this.clock = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    /** The system clock. */
    public TopicTree() {
        this(System::currentTimeMillis);
    }

    static String key(String source, String path) {
        return source + '\u0000' + path;
    }

    // ---- Sources

    /**
     * Listens to {@code tap} as the connection {@code name}: one root of the tree. A connection added again (a new tap
     * after a reconnect, a changed mapping) keeps its topics, stops listening to the old tap and classifies every
     * topic anew with {@code mapping}.
     */
    public void addSource(String name, TopicTap tap, TopicMapping mapping) {
        long generation = attach(name, mapping);
        tap.addListener(m -> record(name, generation, m));
    }

    /** The connection's root without a tap (tests, benchmarks): feed it with {@link #record(String, TappedMessage)}. */
    public synchronized long attach(String name, TopicMapping mapping) {
        Objects.requireNonNull(name, "name");
        Source s = sources.get(name);
        if (s == null) {
            s = new Source(name);
            sources.put(name, s);
            removedSources.remove(name);
            dirty.add(s.root);
        }
        s.classifier = new TopicClassifier(Objects.requireNonNull(mapping, "mapping"));
        s.generation++;
        long now = clock.getAsLong();
        reclassify(s, s.root, now);
        return s.generation;
    }

    /** Stops listening to the connection's tap; its topics stay (the link is down or being replaced). */
    public synchronized void detach(String name) {
        Source s = sources.get(name);
        if (s != null) s.generation++;
    }

    /** Forgets the connection and its topics. */
    public synchronized void removeSource(String name) {
        Source s = sources.remove(name);
        if (s == null) return;
        s.generation++;
        forget(s.root);
        removedSources.add(name);
    }

    /** The connections with a root, in the order they were added. */
    public synchronized List<String> sources() {
        return List.copyOf(sources.keySet());
    }

    // ---- Recording

    /** A message of the connection's current tap. */
    public void record(String source, TappedMessage m) {
        Source s;
        synchronized (this) {
            s = sources.get(source);
            if (s == null) return;
            record(s, m);
        }
    }

    private void record(String source, long generation, TappedMessage m) {
        synchronized (this) {
            Source s = sources.get(source);
            if (s == null || s.generation != generation) return;
            record(s, m);
        }
    }

    private void record(Source s, TappedMessage m) {
        long now = m.receivedMillis();
        long second = Math.floorDiv(now, 1000);
        Node n = s.root;
        int from = 0;
        String topic = m.topic();
        while (true) {
            int slash = topic.indexOf('/', from);
            String level = slash < 0 ? topic.substring(from) : topic.substring(from, slash);
            n = n.child(level, slash < 0 ? topic : topic.substring(0, slash));
            if (slash < 0) break;
            from = slash + 1;
        }
        for (Node a = n; a != null; a = a.parent) {
            a.messages++;
            a.addToRate(second);
            if (now > a.lastMillis) a.lastMillis = now;
        }
        if (n.ownMessages++ == 0) {
            topics++;
            for (Node a = n; a != null; a = a.parent) a.topicsBelow++;
        }
        n.payload = m.payload();
        n.payloadSize = m.payloadSize();
        n.retained = m.retained();
        n.qos = m.qos();
        n.ownLastMillis = now;
        if (n.status == TopicStatus.NONE || n.classifiedWith != s.generation || now - n.classifiedMillis >= RECLASSIFY_MILLIS) {
            classify(s, n, now);
        }
        markDirty(n);
        if (!active.contains(n)) {
            for (Node a = n; a != null; a = a.parent) active.add(a);
        }
    }

    private void classify(Source s, Node n, long now) {
        Classification c = s.classifier.classify(n.path, n.payload, n.retained, now);
        n.classifiedMillis = now;
        n.classifiedWith = s.generation;
        n.statusDetail = c.detail();
        setStatus(n, c.status());
    }

    private void setStatus(Node n, TopicStatus next) {
        boolean was = n.status.needsMapping();
        boolean is = next.needsMapping();
        n.status = next;
        if (was != is) {
            int delta = is ? 1 : -1;
            unknownTopics += delta;
            for (Node a = n; a != null; a = a.parent) a.unknownBelow += delta;
            markDirty(n);
        }
    }

    private void reclassify(Source s, Node n, long now) {
        if (n.ownMessages > 0) {
            classify(s, n, now);
            markDirty(n);
        }
        if (n.children != null) {
            for (Node c : n.children.values()) reclassify(s, c, now);
        }
    }

    /** Marks the node and its ancestors, the ancestors first (a view creates parents before children). */
    private void markDirty(Node n) {
        if (dirty.contains(n)) return;
        if (n.parent != null) markDirty(n.parent);
        dirty.add(n);
    }

    private void forget(Node n) {
        if (n.ownMessages > 0) {
            topics--;
            if (n.status.needsMapping()) unknownTopics--;
        }
        dirty.remove(n);
        active.remove(n);
        if (n.children != null) {
            for (Node c : n.children.values()) forget(c);
        }
    }

    // ---- Reading

    /**
     * What changed since the last call — new topics, new messages, new classifications, and in a new second every node
     * whose rate may have changed — new nodes after their parents.
     */
    public synchronized Changes drain() {
        long now = clock.getAsLong();
        long second = Math.floorDiv(now, 1000);
        if (second != lastDrainSecond) {
            lastDrainSecond = second;
            // rates move with the clock: refresh every node with messages in the window (once more when it empties)
            for (Iterator<Node> it = active.iterator(); it.hasNext(); ) {
                Node n = it.next();
                dirty.add(n);
                if (n.rateIsEmpty(second)) it.remove();
            }
        }
        List<TopicSnapshot> changed = new ArrayList<>(dirty.size());
        for (Node n : dirty) changed.add(n.snapshot(second));
        dirty.clear();
        var removed = List.copyOf(removedSources);
        removedSources.clear();
        return new Changes(changed, removed, topics, unknownTopics);
    }

    /** One node now, or empty when there is none. */
    public synchronized Optional<TopicSnapshot> snapshot(String source, String path) {
        return find(source, path).map(n -> n.snapshot(Math.floorDiv(clock.getAsLong(), 1000)));
    }

    /** The topic's last message and what EdgeDeck made of it. */
    public synchronized Optional<TopicDetail> detail(String source, String path) {
        long second = Math.floorDiv(clock.getAsLong(), 1000);
        return find(source, path).map(n -> new TopicDetail(source, n.path, n.payload == null ? new byte[0] : n.payload.clone(),
                n.payloadSize, n.retained, n.qos, n.ownLastMillis, n.ownMessages, n.messages, n.rate(second), n.status,
                n.statusDetail));
    }

    /** Topics with messages, over all connections. */
    public synchronized int topicCount() {
        return topics;
    }

    /** Topics that need a mapping ({@link TopicStatus#needsMapping()}), over all connections. */
    public synchronized int unknownTopicCount() {
        return unknownTopics;
    }

    private Optional<Node> find(String source, String path) {
        Source s = sources.get(source);
        if (s == null) return Optional.empty();
        Node n = s.root;
        if (path.isEmpty()) return Optional.of(n);
        for (String level : path.split("/", -1)) {
            n = n.children == null ? null : n.children.get(level);
            if (n == null) return Optional.empty();
        }
        return Optional.of(n);
    }

    /** What {@link #drain()} returns. */
    public record Changes(List<TopicSnapshot> changed, List<String> removedSources, int topics, int unknownTopics) {
    }

    private static final class Source {
        final String name;
        final Node root;
        TopicClassifier classifier;
        long generation;

        Source(String name) {
            this.name = name;
            this.root = new Node(this, null, name, "", 0);
        }
    }

    private static final class Node {
        private static final int BUCKETS = RATE_WINDOW_SECONDS + 1;

        final Source source;
        final Node parent;
        final String name;
        final String path;
        final int depth;
        TreeMap<String, Node> children;
        long messages;
        long ownMessages;
        long lastMillis;
        long ownLastMillis;
        byte[] payload;
        int payloadSize;
        boolean retained;
        int qos;
        TopicStatus status = TopicStatus.NONE;
        String statusDetail = "";
        long classifiedMillis;
        long classifiedWith;
        int unknownBelow;
        int topicsBelow;
        /** Messages per second of the last BUCKETS seconds, ring-indexed by the second. */
        private final int[] buckets = new int[BUCKETS];
        private long newestSecond = Long.MIN_VALUE;

        Node(Source source, Node parent, String name, String path, int depth) {
            this.source = source;
            this.parent = parent;
            this.name = name;
            this.path = path;
            this.depth = depth;
        }

        Node child(String level, String childPath) {
            if (children == null) children = new TreeMap<>();
            Node c = children.get(level);
            if (c == null) {
                c = new Node(source, this, level, childPath, depth + 1);
                children.put(level, c);
            }
            return c;
        }

        void addToRate(long second) {
            if (newestSecond == Long.MIN_VALUE || second - newestSecond >= BUCKETS) {
                java.util.Arrays.fill(buckets, 0);
                newestSecond = second;
            } else if (second > newestSecond) {
                for (long s = newestSecond + 1; s <= second; s++) buckets[(int) Math.floorMod(s, BUCKETS)] = 0;
                newestSecond = second;
            } else if (newestSecond - second >= BUCKETS) {
                return; // older than the window (a clock that went back)
            }
            buckets[(int) Math.floorMod(second, BUCKETS)]++;
        }

        /** Mean messages per second over the whole seconds [now - WINDOW, now). */
        double rate(long nowSecond) {
            if (newestSecond == Long.MIN_VALUE) return 0;
            long sum = 0;
            for (long s = nowSecond - RATE_WINDOW_SECONDS; s < nowSecond; s++) {
                if (s <= newestSecond && newestSecond - s < BUCKETS) sum += buckets[(int) Math.floorMod(s, BUCKETS)];
            }
            return sum / (double) RATE_WINDOW_SECONDS;
        }

        /** Nothing in the window that ends now, nor in the current second. */
        boolean rateIsEmpty(long nowSecond) {
            return newestSecond == Long.MIN_VALUE || newestSecond < nowSecond - RATE_WINDOW_SECONDS;
        }

        TopicSnapshot snapshot(long nowSecond) {
            return new TopicSnapshot(source.name, path, name, depth, messages, rate(nowSecond), lastMillis,
                    ownMessages > 0 ? status : TopicStatus.NONE, unknownBelow, topicsBelow);
        }
    }
}
