package io.edgedeck.services.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The topic tree's changes on their way to a view that may apply only so many at a time. {@link #refresh()} runs off
 * the view's thread: it drains the {@link TopicTree}, leaves out nodes that look as they did when last queued, and
 * queues the rest — one entry per node, parents before children. {@link #take(int)} runs on the view's thread and
 * hands out at most {@code max} of them, oldest first; the rest wait for the next take. A node that changes again while
 * it waits keeps its place with the newest values, so the queue never holds more than one entry per node and a view
 * that takes a bounded number per pulse shows every node, with its latest values, after a bounded number of pulses.
 *
 * <h2>Threads</h2>
 * {@link #refresh()} from one thread at a time (a background task); {@link #take(int)} from another (the FX thread).
 * A take waits at most for a refresh to merge its list into the queue, never for the tree's drain. No JavaFX here.
 */
public final class TopicUpdates {
    private static final int MERGE_SLICE = 1_000;
    private final TopicTree tree;
    private final Object refreshing = new Object();
    /** The snapshot last queued per node (refresh's thread only). */
    private final Map<String, TopicSnapshot> queued = new HashMap<>();
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final List<String> removedSources = new ArrayList<>();
    private int topics;
    private int unknownTopics;
    private volatile String watchedSource;
    private volatile String watchedPath;
    private TopicDetail watchedDetail;

    public TopicUpdates(TopicTree tree) {
        this.tree = Objects.requireNonNull(tree, "tree");
    }

    /**
     * The topic whose detail (last payload) {@link #refresh()} fetches along with the changes while it changes, so the
     * view need not ask the tree on its own thread; null for none.
     */
    public void watch(String source, String path) {
        synchronized (this) {
            watchedDetail = null;
        }
        watchedPath = path;
        watchedSource = source;
    }

    /** Takes what changed in the tree and queues it. Off the view's thread. */
    public void refresh() {
        synchronized (refreshing) {
            TopicTree.Changes c = tree.drain();
            for (String gone : c.removedSources()) {
                queued.keySet().removeIf(k -> k.startsWith(gone + '\u0000'));
            }
            List<Pending> news = new ArrayList<>(c.changed().size());
            String source = watchedSource;
            String path = watchedPath;
            boolean watchedChanged = false;
            for (TopicSnapshot s : c.changed()) {
                TopicSnapshot before = queued.put(s.key(), s);
                if (s.equals(before)) continue;
                news.add(new Pending(s, before == null));
                if (s.source().equals(source) && s.path().equals(path)) watchedChanged = true;
            }
            Optional<TopicDetail> detail = watchedChanged ? tree.detail(source, path) : Optional.empty();
            synchronized (this) {
                for (String gone : c.removedSources()) {
                    String prefix = gone + '\u0000';
                    for (Iterator<String> it = pending.keySet().iterator(); it.hasNext(); ) {
                        if (it.next().startsWith(prefix)) it.remove();
                    }
                    removedSources.add(gone);
                }
            }
            // in slices, so that a take waits for one slice at most (a take in between hands out a prefix: still
            // parents before children)
            for (int from = 0; from < news.size(); from += MERGE_SLICE) {
                synchronized (this) {
                    for (Pending p : news.subList(from, Math.min(news.size(), from + MERGE_SLICE))) {
                        // a node queued for the first time stays first-time while it waits
                        pending.merge(p.snapshot.key(), p, (old, now) -> old.first ? new Pending(now.snapshot, true) : now);
                    }
                }
            }
            synchronized (this) {
                topics = c.topics();
                unknownTopics = c.unknownTopics();
                if (detail.isPresent() && source.equals(watchedSource) && path.equals(watchedPath)) {
                    watchedDetail = detail.get();
                }
            }
        }
    }

    /** At most {@code max} queued changes, oldest first, with the sources removed since the last take. View's thread. */
    public Batch take(int max) {
        return take(max, max);
    }

    /**
     * At most {@code max} queued changes, oldest first, of which at most {@code maxNew} nodes never handed out before
     * (a view creates a row for those, which costs more than updating one); with the sources removed since the last
     * take. View's thread.
     */
    public synchronized Batch take(int max, int maxNew) {
        if (max < 1 || maxNew < 1) throw new IllegalArgumentException("max and maxNew must be at least 1");
        List<TopicSnapshot> out = new ArrayList<>(Math.min(max, pending.size()));
        int newOnes = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext() && out.size() < max; ) {
            Pending p = it.next();
            if (p.first && newOnes++ == maxNew) break; // the rest next time, in order: parents stay before children
            out.add(p.snapshot);
            it.remove();
        }
        var removed = List.copyOf(removedSources);
        removedSources.clear();
        Optional<TopicDetail> detail = Optional.ofNullable(watchedDetail);
        watchedDetail = null;
        return new Batch(out, removed, topics, unknownTopics, pending.size(), detail);
    }

    /** Changes queued and not yet taken. */
    public synchronized int pending() {
        return pending.size();
    }

    private record Pending(TopicSnapshot snapshot, boolean first) {
    }

    /**
     * What {@link #take(int)} hands out.
     *
     * @param changed        at most the asked number of nodes, parents before children
     * @param removedSources connections gone since the last take (apply before {@code changed})
     * @param topics         topics over all connections, as of the last refresh
     * @param unknownTopics  topics that need a mapping, as of the last refresh
     * @param left           changes still queued for the next takes
     * @param watchedDetail  the watched topic's detail when it changed since the last take
     */
    public record Batch(List<TopicSnapshot> changed, List<String> removedSources, int topics, int unknownTopics,
                        int left, Optional<TopicDetail> watchedDetail) {
    }
}
