package io.edgedeck.services.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts messages to a Slack incoming webhook from a background thread ({@code edgedeck-slack}), in order.
 * <ul>
 *   <li>{@link #offer} never blocks: the queue holds at most {@code capacity} messages; when full the oldest is
 *       dropped, counted, and a warning logged (the first, then every 100th).</li>
 *   <li>A server error (5xx), 429, a time-out or a refused connection is retried with exponential backoff
 *       ({@code firstRetry}, doubling, at most {@code maxRetry}) up to {@code attempts} tries in all; another 4xx
 *       means the address or the message is wrong and is not retried.</li>
 *   <li>The webhook address appears in logs only {@linkplain SlackWebhook#redacted() redacted}.</li>
 * </ul>
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    /** How hard to try. */
    public record Policy(int capacity, int attempts, Duration firstRetry, Duration maxRetry, Duration timeout) {
        public static Policy defaults() {
            return new Policy(100, 6, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(10));
        }
    }

    private final SlackWebhook target;
    private final Policy policy;
    private final HttpClient http;
    private final Deque<String> queue = new ArrayDeque<>();
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private volatile boolean closed;

    public WebhookSender(SlackWebhook target, Policy policy) {
        this.target = Objects.requireNonNull(target, "target");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.http = HttpClient.newBuilder().connectTimeout(policy.timeout()).build();
        this.thread = new Thread(this::run, "edgedeck-slack");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a message; never blocks. False when the sender is closed. */
    public boolean offer(String text) {
        synchronized (queue) {
            if (closed) {
                return false;
            }
            if (queue.size() >= policy.capacity()) {
                queue.pollFirst();
                long n = dropped.incrementAndGet();
                if (n == 1 || n % 100 == 0) {
                    LOG.warn("Slack webhook {} is behind: dropped the oldest queued message ({} dropped so far)",
                            target.redacted(), n);
                }
            }
            queue.addLast(text);
            queue.notifyAll();
        }
        return true;
    }

    public long delivered() {
        return delivered.get();
    }

    /** Messages dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Messages given up after their last attempt or refused by the server (4xx). */
    public long failed() {
        return failed.get();
    }

    /** HTTP attempts made so far. */
    public long attempts() {
        return attempts.get();
    }

    /** Stops the thread; what is still queued is not sent. */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.shutdownNow();
    }

    private void run() {
        try {
            while (true) {
                String next;
                synchronized (queue) {
                    while (queue.isEmpty() && !closed) {
                        queue.wait();
                    }
                    if (closed) {
                        return;
                    }
                    next = queue.pollFirst();
                }
                deliver(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String text) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(policy.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(SlackWebhook.message(text), StandardCharsets.UTF_8)).build();
        long wait = policy.firstRetry().toMillis();
        for (int attempt = 1; ; attempt++) {
            String problem;
            attempts.incrementAndGet();
            try {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                int status = r.statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                    if (attempt > 1) {
                        LOG.info("Slack webhook {} took the message at attempt {}", target.redacted(), attempt);
                    }
                    return;
                }
                if (status >= 400 && status < 500 && status != 429) {
                    failed.incrementAndGet();
                    LOG.warn("Slack webhook {} refused a message with HTTP {}: check the address; not retried",
                            target.redacted(), status);
                    return;
                }
                problem = "HTTP " + status;
            } catch (IOException e) { // refused, reset, timed out (HttpTimeoutException is one)
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt >= policy.attempts() || closed) {
                failed.incrementAndGet();
                LOG.warn("Slack webhook {}: gave up on a message after {} attempts (last: {})", target.redacted(),
                        attempt, problem);
                return;
            }
            LOG.debug("Slack webhook {}: attempt {} failed ({}), retrying in {} ms", target.redacted(), attempt,
                    problem, wait);
            Thread.sleep(wait);
            wait = Math.min(wait * 2, policy.maxRetry().toMillis());
        }
    }
}
