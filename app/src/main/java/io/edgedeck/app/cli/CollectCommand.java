package io.edgedeck.app.cli;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.IngestStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Headless ingest: subscribes to the fleet's topics and stores every reading in an H2 database "
                + "(the same pipeline as the console). Prints progress every few seconds and a summary at the end.")
public final class CollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker;

    @Mixin
    TlsKeyOption tlsKey;

    @Option(names = "--db", required = true, paramLabel = "PATH",
            description = "The database file (created if missing; H2 adds .mv.db).")
    Path db;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "0",
            description = "Stop after S seconds (default: run until Ctrl+C).")
    long durationSeconds;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Topic mapping rules (JSON) for other topic layouts, tried before the built-in rules "
                    + "(default: the --profile's mapping file, if it has one).")
    Path mappingFile;

    @Option(names = "--progress-interval", paramLabel = "S", defaultValue = "2",
            description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
    long progressSeconds;

    @Option(names = "--connect-timeout", paramLabel = "S", defaultValue = "10",
            description = "Give up connecting after S seconds (default ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (progressSeconds < 1) {
            throw new IllegalArgumentException("--progress-interval must be at least 1 second");
        }
        PrintWriter out = spec.commandLine().getOut();
        var settings = broker.toSettings("edgedeck-collect-" + BrokerOptions.hostPart(), tlsKey);
        broker.warnIfInsecure(spec.commandLine().getErr());
        Path mappingToUse = mappingFile != null ? mappingFile : broker.profileMapping().orElse(null);
        TopicMapping mapping = mappingToUse != null ? TopicMapping.loadWithDefaults(mappingToUse) : TopicMapping.defaults();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl+C: stop the loop, then give the pipeline time to commit and acknowledge what it holds.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "edgedeck-collect-stop");
        try (LocalStore store = LocalStore.open(db);
             IngestPipeline pipeline = new IngestPipeline(settings, mapping, store.writer())) {
            pipeline.start(Duration.ofSeconds(connectTimeoutSeconds));
            out.printf("Collecting from %s into %s (client id %s)%s%n", settings.uri(), store.location(),
                    settings.clientId(), durationSeconds > 0 ? " for " + durationSeconds + " s" : ", Ctrl+C to stop");
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            long start = System.nanoTime();
            long deadline = durationSeconds > 0 ? start + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
            long lastMessages = 0;
            long lastTick = start;
            while (System.nanoTime() < deadline) {
                long wait = Math.min(TimeUnit.SECONDS.toNanos(progressSeconds), deadline - System.nanoTime());
                if (stop.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                    break;
                }
                long now = System.nanoTime();
                IngestStats s = pipeline.stats();
                double rate = (s.messages() - lastMessages) / ((now - lastTick) / 1e9);
                out.printf("messages %,d · rows %,d · duplicates %,d · quarantined %,d · %,.0f msg/s · %s%n",
                        s.messages(), s.readings(), s.duplicates(), s.quarantined(), rate,
                        s.state().name().toLowerCase());
                out.flush();
                lastMessages = s.messages();
                lastTick = now;
            }
            pipeline.close();
            IngestStats s = pipeline.stats();
            double secs = (System.nanoTime() - start) / 1e9;
            out.printf("Done after %.1f s: %,d messages, %,d rows stored, %,d duplicates, %,d quarantined (%,.0f msg/s)%n",
                    secs, s.messages(), s.readings(), s.duplicates(), s.quarantined(), s.messages() / Math.max(secs, 1e-9));
            out.flush();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // shutting down already, or the hook was never added
            }
        }
        return ExitCodes.OK;
    }
}
