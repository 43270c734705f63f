package io.edgedeck.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.link.broker.EmbeddedBroker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/fleet: D simulated plugs publishing once a second for S seconds (QoS 1, each reading stamped with its publish
 * time) to a broker while a separate {@code edgedeck collect --metrics-port M} process stores them; prints the
 * collector's publish-to-commit latency (p50, p99 from its histogram, max), readings stored per second, its heap (peak
 * and after GC) and the losses (acknowledged by the broker vs stored).
 * Usage: FleetBenchmark HOST:PORT|embedded:PORT METRICS_PORT [--devices D] [--seconds S] (embedded: starts HiveMQ CE
 * on PORT in this process, then waits for the collector's metrics before publishing)
 */
public final class FleetBenchmark {
    private static final int SLOTS_PER_SECOND = 100;
    private static final int CLIENTS = 4;
    private static final int MAX_IN_FLIGHT = 20_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FleetBenchmark HOST:PORT METRICS_PORT [--devices D] [--seconds S]");
            System.exit(2);
        }
        String[] hostPort = args[0].split(":");
        EmbeddedBroker embedded = null;
        if (hostPort[0].equals("embedded")) {
            // HiveMQ CE in this process (not the collector's): a queue big enough for a collector that falls behind
            embedded = EmbeddedBroker.start(Integer.parseInt(hostPort[1]), 50_000_000);
            hostPort[0] = "127.0.0.1";
            System.out.println("embedded broker ready on port " + embedded.port());
        }
        URI metrics = URI.create("http://127.0.0.1:" + Integer.parseInt(args[1]) + "/metrics");
        int devices = 10_000;
        int seconds = 600;
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "fleet benchmark: %,d plugs at 1 Hz for %d s (QoS 1) into edgedeck collect%n",
                devices, seconds);

        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("bench-fleet-pub-" + c)
                    .serverHost(hostPort[0]).serverPort(Integer.parseInt(hostPort[1])).buildAsync();
            client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
            clients.add(client);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long behind = 0;
        double peakHeap = 0;
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Double> m = Map.of();
        while (!m.containsKey("db_inserts_total") && System.nanoTime() < waitUntil) {
            Thread.sleep(200);
            m = scrape(http, metrics, true);
        }
        // the collector serves its metrics before it has subscribed (its link counts as connected at CONNACK), and a
        // new session keeps nothing published before its SUBACK: publish a probe until one is stored, then settle
        double before = m.getOrDefault("db_inserts_total", 0.0);
        for (int probe = 0; m.getOrDefault("db_inserts_total", 0.0) <= before && System.nanoTime() < waitUntil; probe++) {
            clients.getFirst().publishWith().topic("smartplug/bench-probe/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload(0, probe, System.currentTimeMillis())).send().get(5, TimeUnit.SECONDS);
            Thread.sleep(200);
            m = scrape(http, metrics, true);
        }
        Thread.sleep(1_000); // the probes still on their way
        m = scrape(http, metrics, true);
        double storedAtStart = m.getOrDefault("db_inserts_total", 0.0);

        long start = System.nanoTime();
        long slotNanos = TimeUnit.SECONDS.toNanos(1) / SLOTS_PER_SECOND;
        long nextScrape = start;
        long totalSlots = (long) seconds * SLOTS_PER_SECOND;
        for (long slot = 0; slot < totalSlots; slot++) {
            long due = start + slot * slotNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            } else if (wait < -slotNanos) {
                behind++;
            }
            int s = (int) (slot % SLOTS_PER_SECOND);
            long now = System.currentTimeMillis();
            for (int d = s; d < devices; d += SLOTS_PER_SECOND) {
                inFlight.acquire();
                clients.get(d % CLIENTS).publishWith().topic(String.format(Locale.ROOT, "smartplug/fleet-%05d/telemetry", d))
                        .qos(MqttQos.AT_LEAST_ONCE).payload(payload(d, slot / SLOTS_PER_SECOND, now)).send()
                        .whenComplete((r, e) -> {
                            inFlight.release();
                            if (e == null && r.getError().isEmpty()) acked.incrementAndGet();
                            else failed.incrementAndGet();
                        });
            }
            if (System.nanoTime() >= nextScrape) {
                nextScrape += TimeUnit.SECONDS.toNanos(1);
                m = scrape(http, metrics);
                peakHeap = Math.max(peakHeap, m.getOrDefault("edgedeck_heap_used_bytes", 0.0));
                if (slot % (SLOTS_PER_SECOND * 60L) == 0 && slot > 0) {
                    System.out.printf(Locale.ROOT, "  %3d s: published %,d, stored %,.0f, heap %.0f MB%n",
                            slot / SLOTS_PER_SECOND, acked.get(), m.getOrDefault("db_inserts_total", 0.0) - storedAtStart,
                            m.getOrDefault("edgedeck_heap_used_bytes", 0.0) / 1e6);
                }
            }
        }
        inFlight.acquire(MAX_IN_FLIGHT); // every publish acknowledged by the broker (or failed)
        double publishSecs = (System.nanoTime() - start) / 1e9;
        long published = acked.get();
        // the collector catches up: wait until it has stored everything or stops making progress for 30 s
        double stored = 0;
        double last = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(30)) {
            m = scrape(http, metrics);
            peakHeap = Math.max(peakHeap, m.getOrDefault("edgedeck_heap_used_bytes", 0.0));
            stored = m.getOrDefault("db_inserts_total", 0.0) - storedAtStart;
            if (stored >= published) break;
            if (stored > last) {
                last = stored;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(200);
        }
        double drainSecs = (System.nanoTime() - start) / 1e9 - publishSecs;
        for (Mqtt5AsyncClient c : clients) c.disconnect().get(5, TimeUnit.SECONDS);

        TreeMap<Double, Double> buckets = new TreeMap<>();
        m.forEach((k, v) -> {
            String prefix = "edgedeck_publish_to_commit_seconds_bucket{le=\"";
            if (k.startsWith(prefix)) {
                String le = k.substring(prefix.length(), k.length() - 2);
                buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), v);
            }
        });
        System.out.printf(Locale.ROOT, "published         %,d readings acknowledged by the broker (%,d failed) in %.1f s"
                        + " (%,.0f msg/s; %d slots of 10 ms started late)%n", published, failed.get(), publishSecs,
                published / publishSecs, behind);
        System.out.printf(Locale.ROOT, "stored            %,.0f readings (%,.0f msg/s from the first publish to the last"
                + " commit; caught up %.1f s after the last publish)%n", stored, stored / (publishSecs + drainSecs), drainSecs);
        System.out.printf(Locale.ROOT, "lost              %,.0f (published - stored)%n", published - stored);
        double max = m.getOrDefault("edgedeck_publish_to_commit_max_seconds", Double.NaN);
        System.out.printf(Locale.ROOT, "publish-to-commit p50 %s, p99 %s, max %s (p50/p99 interpolated in the"
                        + " collector's histogram buckets)%n", seconds(Math.min(quantile(buckets, 0.5), max)),
                seconds(Math.min(quantile(buckets, 0.99), max)), seconds(max));
        System.out.printf(Locale.ROOT, "collector heap    peak %.0f MB in use (garbage included), %.0f MB after the"
                        + " last GC%n", peakHeap / 1e6, m.getOrDefault("edgedeck_heap_after_gc_bytes", 0.0) / 1e6);
        if (embedded != null) embedded.close();
        System.exit(0);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.3f s", s);
    }

    /** The q-quantile from cumulative Prometheus buckets (upper bound to count), linear within a bucket. */
    static double quantile(TreeMap<Double, Double> buckets, double q) {
        if (buckets.isEmpty()) return Double.NaN;
        double total = buckets.lastEntry().getValue();
        if (total == 0) return Double.NaN;
        double rank = q * total;
        double prevBound = 0;
        double prevCount = 0;
        for (Map.Entry<Double, Double> b : buckets.entrySet()) {
            if (b.getValue() >= rank) {
                if (b.getKey().isInfinite()) return prevBound;
                double inBucket = b.getValue() - prevCount;
                return prevBound + (b.getKey() - prevBound) * (inBucket == 0 ? 1 : (rank - prevCount) / inBucket);
            }
            prevBound = b.getKey();
            prevCount = b.getValue();
        }
        return prevBound;
    }

    private static byte[] payload(int device, long second, long now) {
        double power = 20 + ((device * 7919L + second * 31) % 2000) / 10.0;
        double voltage = 228 + (device % 50) / 10.0;
        return String.format(Locale.ROOT,
                "{\"ts\":%d,\"voltage\":%.1f,\"current\":%.3f,\"power\":%.1f,\"relay_state\":\"on\",\"energy\":%.4f}",
                now, voltage, power / voltage, power, second * 0.0001).getBytes(StandardCharsets.UTF_8);
    }

    /** Prometheus text format: sample (name with labels) to value; empty when the collector does not answer. */
    private static Map<String, Double> scrape(HttpClient http, URI uri) {
        return scrape(http, uri, false);
    }

    private static Map<String, Double> scrape(HttpClient http, URI uri, boolean quiet) {
        Map<String, Double> m = new HashMap<>();
        try {
            String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int space = line.lastIndexOf(' ');
                m.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        } catch (Exception e) {
            if (!quiet) System.err.println("fleet benchmark: could not read " + uri + ": " + e);
        }
        return m;
    }
}
