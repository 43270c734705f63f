package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** collect --count, the derived client id, --shared-group checks, and /health and /metrics scraped over HTTP. */
class CollectMetricsTest {
    @RegisterExtension
    static final BrokerPerClass BROKER = new BrokerPerClass();

    @TempDir
    Path dir;


    private Run run(String... args) {
        return CliRun.run(CliRun.under(dir), args);
    }

    private static Mqtt5BlockingClient publisher(String id) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(BROKER.get().port()).buildBlocking();
        c.connect();
        return c;
    }

    private static void publish(Mqtt5BlockingClient c, String topic, String payload) {
        c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String plug(long ts, int power) {
        return String.format(Locale.ROOT, "{\"ts\":%d,\"power\":%d,\"voltage\":230}", ts, power);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Prometheus text format: sample name (with labels) to value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> m = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            m.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return m;
    }

    @Test
    void countExitsOnceNReadingsAreStoredAndPrintsTheRate() throws Exception {
        Path db = dir.resolve("count");
        CompletableFuture<Run> collect = CompletableFuture.supplyAsync(() -> run("collect", "--broker",
                BROKER.get().uri().toString(), "--db", db.toString(), "--count", "300", "--duration", "60"));
        Mqtt5BlockingClient pub = publisher("count-pub");
        long base = 1_735_000_000_000L;
        // until the collector has subscribed, nothing is kept for it: publish until it has counted 300
        for (int i = 0; !collect.isDone() && i < 100_000; i++) {
            publish(pub, "smartplug/count-plug/telemetry", plug(base + i * 1000L, i));
            if (i % 50 == 0) Thread.sleep(5);
        }
        Run r = collect.get();
        pub.disconnect();
        assertThat(r.exitCode()).as(r.err()).isZero();
        // "once N are committed": the commit that crosses N may carry more (the publisher does not stop), never fewer
        var stored = java.util.regex.Pattern.compile("Stored ([\\d,]+) readings in \\d+\\.\\d\\d s: [\\d,]+ readings/s")
                .matcher(r.out());
        assertThat(stored.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(stored.group(1).replace(",", ""))).isGreaterThanOrEqualTo(300);
        String id = r.out().lines().filter(l -> l.startsWith("Client id ")).findFirst().orElseThrow().split(" ")[2];
        assertThat(id).startsWith("edgedeck-").matches("[a-z0-9._-]+").isEqualTo(StableClientId.forThisMachine(db));
        assertThat(r.out()).contains("derived from host, user and database");
    }

    @Test
    void derivedClientIdsAreStablePerDatabase() {
        Path a = dir.resolve("a");
        assertThat(StableClientId.derive("Shop Floor PC", "ana", a)).isEqualTo(StableClientId.derive("Shop Floor PC", "ana", a))
                .startsWith("edgedeck-shop-floor-pc-ana-").hasSize("edgedeck-shop-floor-pc-ana-".length() + 8);
        assertThat(StableClientId.derive("pc", "ana", a)).isNotEqualTo(StableClientId.derive("pc", "ana", dir.resolve("b")));
        assertThat(StableClientId.derive("pc", "ana", a)).isNotEqualTo(StableClientId.derive("pc", "bob", a));
    }

    @Test
    void badSharedGroupOrMetricsPortIsAUsageError() throws Exception {
        Run group = run("collect", "--broker", BROKER.get().uri().toString(), "--db", dir.resolve("g").toString(),
                "--shared-group", "a/b");
        assertThat(group.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(group.err()).contains("must not contain '/', '+' or '#'");
        try (ServerSocket taken = new ServerSocket(0)) {
            Run port = run("collect", "--broker", BROKER.get().uri().toString(), "--db", dir.resolve("p").toString(),
                    "--metrics-port", String.valueOf(taken.getLocalPort()), "--duration", "1");
            assertThat(port.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(port.err()).contains("Cannot serve metrics on port " + taken.getLocalPort()).doesNotContain("Exception");
        }
    }

    @Test
    void healthAndMetricsOverHttp() throws Exception {
        int port = freePort();
        Path db = dir.resolve("metrics");
        CompletableFuture<Run> collect = CompletableFuture.supplyAsync(() -> run("collect", "--broker",
                BROKER.get().uri().toString(), "--db", db.toString(), "--duration", "10", "--metrics-port", String.valueOf(port),
                "--client-id", "metrics-test"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        ObjectMapper json = new ObjectMapper();
        JsonNode h = null;
        long end = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> resp = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
                h = json.readTree(resp.body());
                if (resp.statusCode() == 200) break;
                assertThat(resp.statusCode()).isEqualTo(503);
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        assertThat(h).isNotNull();
        assertThat(h.get("connected").asBoolean()).isTrue();
        assertThat(h.get("status").asText()).isEqualTo("ok");

        Mqtt5BlockingClient pub = publisher("metrics-pub");
        long now = System.currentTimeMillis();
        for (int i = 0; i < 50; i++) publish(pub, "smartplug/metrics-plug/telemetry", plug(now - 50_000 + i * 1000L, i));
        publish(pub, "smartplug/metrics-bad/telemetry", "{not json");
        publish(pub, "smartplug/metrics-bad/telemetry", "\u0000\u0001");
        pub.disconnect();

        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        Map<String, Double> m = Map.of();
        end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            m = parse(http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (m.getOrDefault("db_inserts_total", 0.0) >= 50 && m.getOrDefault("edgedeck_quarantined_total", 0.0) >= 2) break;
            Thread.sleep(100);
        }
        assertThat(m.get("db_inserts_total")).isEqualTo(50.0);
        assertThat(m.get("edgedeck_quarantined_total")).isEqualTo(2.0);
        assertThat(m.get("mqtt_messages_total")).isGreaterThanOrEqualTo(52.0); // plus retained messages of other tests
        assertThat(m.get("edgedeck_reconnects_total")).isZero();
        assertThat(m.get("edgedeck_link_connected")).isEqualTo(1.0);
        assertThat(m.get("edgedeck_publish_to_commit_seconds_count")).isEqualTo(50.0);
        // readings 50 s .. 1 s old when committed: none under 0.5 s, all under 60 s
        assertThat(m.get("edgedeck_publish_to_commit_seconds_bucket{le=\"0.5\"}")).isZero();
        assertThat(m.get("edgedeck_publish_to_commit_seconds_bucket{le=\"60.0\"}")).isEqualTo(50.0);
        // readings 1 to 50 s old: the longest waited at least 50 s (and not a day)
        assertThat(m.get("edgedeck_publish_to_commit_max_seconds")).isBetween(49.0, 3600.0);
        assertThat(m.get("edgedeck_heap_used_bytes")).isGreaterThan(1_000_000.0);
        assertThat(m).containsKey("edgedeck_heap_after_gc_bytes");
        assertThat(m.get("edgedeck_last_commit_timestamp_seconds")).isGreaterThan(now / 1000.0 - 1);

        HttpResponse<String> after = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode h2 = json.readTree(after.body());
        assertThat(h2.get("lastCommit").asText()).endsWith("Z");
        assertThat(h2.get("lagSeconds").asDouble()).isBetween(0.0, 30.0);
        assertThat(h2.get("queued").asInt()).isZero();

        Run r = collect.get();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Metrics on http://localhost:" + port + "/metrics");
    }
}
