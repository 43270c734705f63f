package io.edgedeck.app.metrics;

import io.edgedeck.db.CommitResult;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Reading;
import io.edgedeck.link.mqtt.IngestListener;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkState;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.util.Objects;

/**
 * A collector's figures for Prometheus, read from the ingest pipeline: counters from its statistics (so they agree
 * with what {@code collect} prints), and the publish-to-commit latency observed at every commit.
 *
 * <p>Publish-to-commit latency is the commit's wall time minus the reading's time: the device's own {@code ts} when the
 * payload has one (for a 1 Hz plug, when it published), else the arrival time (then it is receive-to-commit). A backlog
 * delivered after an outage shows as long latencies, which is what it is.
 */
public final class CollectorMetrics implements IngestListener {
    /** Latency buckets in seconds: from a few ms to a day (a backlog after a long outage). */
    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900,
            3600, 86_400};

    private final IngestPipeline pipeline;
    private final Clock clock;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram latency;
    private volatile long lastCommitLagMillis = -1;
    /** Longest publish-to-commit latency seen (ms), written by the writer thread only. */
    private volatile long maxLatencyMillis;

    public CollectorMetrics(IngestPipeline pipeline, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
        counter("mqtt_messages", "MQTT messages received from the broker", s -> s.messages());
        counter("db_inserts", "Readings committed to the database (redelivered duplicates not counted)", s -> s.readings());
        counter("edgedeck_duplicates", "Redelivered readings recognised (same device and time) and not stored again",
                s -> s.duplicates());
        counter("edgedeck_quarantined", "Messages that could not be decoded, kept in the quarantine table", s -> s.quarantined());
        counter("edgedeck_reconnects", "Times the broker link came back after it was lost", s -> s.reconnects());
        counter("edgedeck_drop_warnings", "Signs that the broker dropped readings (gaps in a device's series, a lost session)",
                s -> s.dropWarnings());
        GaugeWithCallback.builder().name("edgedeck_link_connected").help("1 while connected to the broker, else 0")
                .callback(cb -> cb.call(pipeline.state() == LinkState.CONNECTED ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("edgedeck_ingest_queued").help("Messages received and not yet committed")
                .callback(cb -> cb.call(pipeline.queued())).register(registry);
        GaugeWithCallback.builder().name("edgedeck_last_commit_timestamp_seconds").unit(Unit.SECONDS)
                .help("Wall time of the last commit (0: none yet)")
                .callback(cb -> cb.call(pipeline.stats().lastCommitMillis() / 1000.0)).register(registry);
        latency = Histogram.builder().name("edgedeck_publish_to_commit_seconds").unit(Unit.SECONDS)
                .help("From a reading's time (the device's ts, else its arrival) to its commit")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        GaugeWithCallback.builder().name("edgedeck_publish_to_commit_max_seconds").unit(Unit.SECONDS)
                .help("Longest publish-to-commit latency since the start")
                .callback(cb -> cb.call(maxLatencyMillis / 1000.0)).register(registry);
        GaugeWithCallback.builder().name("edgedeck_heap_used_bytes").unit(Unit.BYTES)
                .help("Java heap in use now (live and not yet collected objects)")
                .callback(cb -> cb.call(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()))
                .register(registry);
        GaugeWithCallback.builder().name("edgedeck_heap_after_gc_bytes").unit(Unit.BYTES)
                .help("Java heap in use right after the last garbage collection (what the collector really keeps)")
                .callback(cb -> cb.call(heapAfterGc())).register(registry);
        pipeline.addListener(this);
    }

    /** Sum over the heap pools of what each held after its last collection (0 before the first). */
    static long heapAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) sum += after.getUsed();
        }
        return sum;
    }

    private void counter(String name, String help, java.util.function.ToLongFunction<IngestStats> value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.applyAsLong(pipeline.stats()))).register(registry);
    }

    /** On the pipeline's writer thread, after each commit. */
    @Override
    public void committed(IngestBatch batch, CommitResult result) {
        long now = clock.millis();
        long newest = Long.MIN_VALUE;
        long max = maxLatencyMillis;
        for (Reading r : batch.readings()) {
            long ms = Math.max(0, now - r.epochMillis());
            latency.observe(ms / 1000.0);
            max = Math.max(max, ms);
            newest = Math.max(newest, r.epochMillis());
        }
        maxLatencyMillis = max;
        if (newest != Long.MIN_VALUE) lastCommitLagMillis = Math.max(0, now - newest);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** What {@code /health} answers. */
    public Health health() {
        IngestStats s = pipeline.stats();
        return new Health(s.state(), s.lastCommitMillis(), lastCommitLagMillis, pipeline.queued(), pipeline.storeProblem(),
                clock.millis());
    }
}
