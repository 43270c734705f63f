package io.edgedeck.services.alerts;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Slack sender against a real local HTTP server that fails, refuses and stalls. */
class WebhookSenderTest {
    static final WebhookSender.Policy FAST = new WebhookSender.Policy(100, 6, Duration.ofMillis(50),
            Duration.ofMillis(400), Duration.ofSeconds(2));

    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server on {@code port} (0: any) answering 503 to the first {@code failures} requests, then 200. */
    HttpServer serve(int port, int failures, CountDownLatch stall) throws IOException {
        AtomicInteger n = new AtomicInteger();
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/services/T000/B000/secret", ex -> {
            try {
                if (stall != null) {
                    stall.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrivals.add(System.nanoTime());
            int status = n.incrementAndGet() <= failures ? 503 : 200;
            if (status == 200) {
                bodies.add(body + " " + ex.getRequestHeaders().getFirst("Content-Type"));
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        s.start();
        server = s;
        return s;
    }

    static SlackWebhook hook(int port) {
        return SlackWebhook.parse("http://127.0.0.1:" + port + "/services/T000/B000/secret");
    }

    static void waitUntil(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void serverErrorsAreRetriedWithGrowingPausesUntilTheMessageIsDelivered() throws Exception {
        HttpServer s = serve(0, 3, null);
        try (var sender = new WebhookSender(hook(s.getAddress().getPort()), FAST)) {
            assertThat(sender.offer("Over-power on \"kettle\"\n2,450 W")).isTrue();
            waitUntil(() -> sender.delivered() == 1);
            assertThat(sender.attempts()).isEqualTo(4);
            assertThat(sender.failed()).isZero();
        }
        assertThat(bodies).containsExactly("{\"text\":\"Over-power on \\\"kettle\\\"\\n2,450 W\"} application/json; charset=utf-8");
        // pauses 50, 100, 200 ms: each longer than the one before
        long p1 = arrivals.get(1) - arrivals.get(0), p2 = arrivals.get(2) - arrivals.get(1), p3 = arrivals.get(3) - arrivals.get(2);
        assertThat(p1).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
        assertThat(p3).isGreaterThan(p1);
        assertThat(p2).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(95));
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheServerComesUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (var sender = new WebhookSender(hook(port), FAST)) {
            sender.offer("first");
            waitUntil(() -> sender.attempts() >= 2);
            serve(port, 0, null);
            waitUntil(() -> sender.delivered() == 1);
            assertThat(sender.failed()).isZero();
        }
        assertThat(bodies).singleElement().asString().startsWith("{\"text\":\"first\"}");
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer s = serve(0, 0, release);
        var policy = new WebhookSender.Policy(3, 2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));
        try (var sender = new WebhookSender(hook(s.getAddress().getPort()), policy)) {
            sender.offer("m0");
            waitUntil(() -> sender.attempts() == 1); // m0 is in flight, stalled by the server
            long t0 = System.nanoTime();
            for (int i = 1; i <= 10; i++) {
                sender.offer("m" + i);
            }
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(sender.dropped()).isEqualTo(7);
            release.countDown();
            waitUntil(() -> sender.delivered() == 4);
        }
        assertThat(bodies).extracting(b -> b.substring(9, b.indexOf('"', 9))).containsExactly("m0", "m8", "m9", "m10");
    }

    @Test
    void aClientErrorIsNotRetriedAndTheAddressIsNeverShownInFull() throws Exception {
        HttpServer s = serve(0, 0, null);
        int port = s.getAddress().getPort();
        var wrong = SlackWebhook.parse("http://127.0.0.1:" + port + "/services/T000/B000/wrong-secret");
        try (var sender = new WebhookSender(wrong, FAST)) {
            sender.offer("x");
            waitUntil(() -> sender.failed() == 1);
            assertThat(sender.attempts()).isEqualTo(1);
        }
        assertThat(wrong.toString()).isEqualTo("http://127.0.0.1:" + port + "/services/…").doesNotContain("secret");
        assertThatThrownBy(() -> SlackWebhook.parse("http://hooks.slack.com/services/T1/B1/very-secret"))
                .hasMessage("the Slack webhook address http://hooks.slack.com/services/… must use https:// (plain http only to this computer)");
    }
}
