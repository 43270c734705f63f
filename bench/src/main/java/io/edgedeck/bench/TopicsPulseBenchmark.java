package io.edgedeck.bench;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.TappedMessage;
import io.edgedeck.services.topics.TopicTree;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.topics.TopicsView;
import io.edgedeck.views.topics.TopicsViewModel;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the Topics tab costs the FX thread (prints figures; not a test): a real window with the Topics view, T topics
 * each publishing at 1 Hz into the {@link TopicTree} from another thread (as the tap's thread does), and the
 * view-model's 200 ms pulse timed on the FX thread — per pulse, and the CSS + layout pass that follows — from the first
 * message until the figures settle, plus how long until every topic has its row. Wall time counts the moments the FX
 * thread waits for a core (on a loaded machine); the thread's CPU time does not.
 * <p>Needs a display (the bench/topics script uses xvfb-run when there is none).
 * Usage: {@code TopicsPulseBenchmark [topics=10000] [seconds=20]}
 */
public final class TopicsPulseBenchmark {
    private TopicsPulseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int topics = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SampleTopics sample = SampleTopics.of(topics);
        String[] names = sample.names();
        byte[][] payloads = sample.payloads();
        ExecutorService background = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-background");
            t.setDaemon(true);
            return t;
        });
        TopicTree tree = new TopicTree();
        tree.attach("bench", TopicMapping.defaults());
        List<Long> pulseNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> pulseCpuNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> steadyNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> steadyCpuNanos = Collections.synchronizedList(new ArrayList<>());
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Long> layoutNanos = Collections.synchronizedList(new ArrayList<>());
        long[] allRowsAt = {0};
        long[] layoutStart = {0};
        CountDownLatch shown = new CountDownLatch(1);
        TopicsViewModel[] vm = new TopicsViewModel[1];
        long[] t0 = {0};
        Platform.startup(() -> {
            vm[0] = new TopicsViewModel(tree, new Tasks(background, Platform::runLater), Clock.systemUTC());
            var view = new TopicsView(vm[0], text -> { });
            var scene = new Scene(view, 1366, 768);
            scene.addPreLayoutPulseListener(() -> layoutStart[0] = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                if (t0[0] != 0) layoutNanos.add(System.nanoTime() - layoutStart[0]);
            });
            var stage = new Stage();
            stage.setScene(scene);
            stage.show();
            var pulse = new Timeline(new KeyFrame(Duration.millis(200), e -> {
                long p0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                vm[0].onPulse();
                long took = System.nanoTime() - p0;
                if (t0[0] != 0) {
                    boolean steady = allRowsAt[0] != 0;
                    (steady ? steadyNanos : pulseNanos).add(took);
                    (steady ? steadyCpuNanos : pulseCpuNanos).add(threads.getCurrentThreadCpuTime() - c0);
                }
                if (allRowsAt[0] == 0 && t0[0] != 0 && vm[0].row("bench", names[topics - 1]).isPresent()
                        && vm[0].row("bench", names[0]).isPresent() && vm[0].topicsProperty().get() == topics) {
                    allRowsAt[0] = System.nanoTime();
                }
            }));
            pulse.setCycleCount(Animation.INDEFINITE);
            pulse.play();
            shown.countDown();
        });
        shown.await();
        Thread.sleep(1_000);
        // 1 Hz per topic: the whole set once a second, spread over the second in 20 slices
        t0[0] = System.nanoTime();
        long start = System.currentTimeMillis();
        for (int s = 0; s < seconds; s++) {
            for (int slice = 0; slice < 20; slice++) {
                long now = System.currentTimeMillis();
                for (int i = slice; i < topics; i += 20) {
                    tree.record("bench", new TappedMessage(names[i], payloads[i], payloads[i].length, false, 0, now));
                }
                long due = start + s * 1_000L + (slice + 1) * 50L;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) Thread.sleep(wait);
            }
        }
        Thread.sleep(1_000);
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(done::countDown);
        done.await(10, TimeUnit.SECONDS);
        report("until every topic has its row: pulse (onPulse on the FX thread), wall", pulseNanos);
        report("until every topic has its row: pulse, the FX thread's CPU time", pulseCpuNanos);
        report("after: pulse, wall", steadyNanos);
        report("after: pulse, the FX thread's CPU time", steadyCpuNanos);
        report("CSS + layout pass", layoutNanos);
        System.out.printf(Locale.ROOT, "%,d topics at 1 Hz for %d s: every topic had its row after %s%n", topics, seconds,
                allRowsAt[0] == 0 ? "never (within the run)" : String.format(Locale.ROOT, "%.1f s", (allRowsAt[0] - t0[0]) / 1e9));
        Platform.exit();
        background.shutdownNow();
        System.exit(0);
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(what + ": no samples");
            return;
        }
        double sum = sorted.stream().mapToLong(Long::longValue).sum() / 1e6;
        System.out.printf(Locale.ROOT, "%s: %d samples, mean %.1f ms, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what,
                sorted.size(), sum / sorted.size(), at(sorted, 0.50), at(sorted, 0.95), sorted.getLast() / 1e6);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
    }
}
