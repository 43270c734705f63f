package io.edgedeck.app.cli;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Reading;
import io.edgedeck.link.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the collector mid-stream loses nothing: {@code collect} runs as a process of its own (this test's class
 * path, io.edgedeck.app.Main), is killed with SIGKILL while readings stream in, and a restarted collector (same
 * database, hence the same derived client id and persistent session) stores the rest: exactly N distinct readings.
 */
class CollectCrashTest {
    private static final long BASE = 1_734_000_000_000L;
    private static final Pattern ROWS = Pattern.compile("rows ([\\d,]+)");

    @TempDir
    Path dir;

    private Process collect(Path db, String... more) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                "io.edgedeck.app.Main", "collect", "--db", db.toString(), "--progress-interval", "1"));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("EDGEDECK_HOME", dir.resolve("home").toString());
        return pb.start();
    }

    /** Copies the process's output into {@code lines} as it comes. */
    private static void follow(Process p, List<String> lines) {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) lines.add(line);
            } catch (Exception ignored) {
                // the process died
            }
        });
    }

    private static long rowsSoFar(List<String> lines) {
        long rows = 0;
        for (String l : lines) {
            Matcher m = ROWS.matcher(l);
            if (m.find()) rows = Long.parseLong(m.group(1).replace(",", ""));
        }
        return rows;
    }

    @Test
    void killMinus9MidStreamThenRestartStoresEveryReadingOnce() throws Exception {
        int n = 6_000;
        Path db = dir.resolve("crash");
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            String uri = broker.uri().toString();
            Mqtt5AsyncClient pub = MqttClient.builder().useMqttVersion5().identifier("crash-pub").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildAsync();
            pub.connect().join();

            List<String> first = new CopyOnWriteArrayList<>();
            Process p1 = collect(db, "--broker", uri);
            follow(p1, first);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (first.stream().noneMatch(l -> l.startsWith("Client id")) && System.nanoTime() < end) Thread.sleep(20);
            assertThat(first).as("collector started").anyMatch(l -> l.startsWith("Client id edgedeck-"));

            List<CompletableFuture<?>> sent = new ArrayList<>();
            boolean killed = false;
            for (int i = 0; i < n; i++) {
                sent.add(pub.publishWith().topic("smartplug/crash-plug/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(String.format(Locale.ROOT, "{\"ts\":%d,\"power\":%d,\"voltage\":230}", BASE + i * 1000L, i)
                                .getBytes(StandardCharsets.UTF_8)).send());
                if (i % 5 == 0) Thread.sleep(2);
                if (!killed && rowsSoFar(first) > 0) {
                    p1.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no DISCONNECT
                    killed = true;
                }
            }
            sent.forEach(CompletableFuture::join);
            if (!killed) p1.destroyForcibly();
            assertThat(p1.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p1.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            long beforeKill = rowsSoFar(first);
            assertThat(beforeKill).as("killed mid-stream").isPositive().isLessThan(n);

            List<String> second = new CopyOnWriteArrayList<>();
            Process p2 = collect(db, "--broker", uri, "--duration", "12");
            follow(p2, second);
            assertThat(p2.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p2.exitValue()).as(String.join("\n", second)).isZero();
            assertThat(clientId(second)).isEqualTo(clientId(first));
            pub.disconnect().join();
        }
        try (LocalStore store = LocalStore.open(db)) {
            List<Reading> raw = store.readings().raw("crash-plug", Instant.ofEpochMilli(BASE), Instant.ofEpochMilli(BASE + n * 1000L));
            assertThat(raw).extracting(Reading::epochMillis).doesNotHaveDuplicates().hasSize(n);
            assertThat(store.readings().count()).isEqualTo(n);
        }
    }

    private static String clientId(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("Client id ")).findFirst().orElseThrow().split(" ")[2];
    }
}
