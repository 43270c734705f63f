package io.edgedeck.app.cli;

import io.edgedeck.app.SettingsStore;
import io.edgedeck.app.metrics.CollectorMetrics;
import io.edgedeck.app.metrics.MetricsServer;
import io.edgedeck.db.Alarm;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.RetentionPolicy;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.SharedGroup;
import io.edgedeck.services.alerts.AlarmListener;
import io.edgedeck.services.alerts.AlertTimer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Headless ingest: subscribes to the fleet's topics and stores every reading in an H2 database "
                + "(the same pipeline as the console), evaluating the database's alert rules ('alerts add'). Prints "
                + "progress every few seconds, a line per alarm raised or cleared, and a summary at the end.")
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

    @Option(names = {"--count", "-C"}, paramLabel = "N", defaultValue = "0",
            description = "Exit once N readings are committed (like mosquitto_sub -C), printing the time taken and the rate.")
    long count;

    @Option(names = "--shared-group", paramLabel = "NAME",
            description = "Subscribe as a member of the shared subscription group NAME ($share/NAME/...): the collectors "
                    + "of one group split the fleet's messages between them.")
    String sharedGroup;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
            description = "Serve /health (JSON) and Prometheus /metrics over HTTP on this port.")
    int metricsPort;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Topic mapping rules (JSON) for other topic layouts, tried before the built-in rules "
                    + "(default: the --profile's mapping file, if it has one).")
    Path mappingFile;

    @Option(names = "--save-discovered", paramLabel = "FILE",
            description = "At the end, write the rules learnt from Home Assistant discovery messages to FILE "
                    + "(a mapping file for --mapping).")
    Path saveDiscovered;

    @Option(names = "--progress-interval", paramLabel = "S", defaultValue = "2",
            description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
    long progressSeconds;

    @Option(names = "--connect-timeout", paramLabel = "S", defaultValue = "10",
            description = "Give up connecting after S seconds (default ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds;

    @Option(names = "--retention", paramLabel = "TIERS",
            description = "How long history is kept per resolution, e.g. raw=7d,1m=30d,1h=1y,1d=5y (periods in h, d, w"
                    + " or y; tiers left out keep their default). Default: \"retention\" in settings.json, else"
                    + " raw=7d,1m=30d,1h=1y,1d=5y.")
    String retention;

    @Override
    public Integer call() throws Exception {
        if (progressSeconds < 1) {
            throw new IllegalArgumentException("--progress-interval must be at least 1 second");
        }
        if (count < 0) {
            throw new IllegalArgumentException("--count must be a positive number of readings");
        }
        RetentionPolicy policy = retention != null ? RetentionPolicy.parse(retention)
                : new SettingsStore(CliServices.paths(spec).settingsFile()).load().retentionPolicy();
        Optional<String> group = Optional.ofNullable(sharedGroup).map(SharedGroup::check);
        PrintWriter out = spec.commandLine().getOut();
        String derivedId = StableClientId.forThisMachine(db);
        var settings = broker.toSettings(derivedId, tlsKey);
        String idSource = broker.clientId != null ? "given with --client-id"
                : !settings.clientId().equals(derivedId) ? "from the profile"
                : "derived from host, user and database; --client-id to choose";
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
        MetricsServer metricsServer = null;
        try (LocalStore store = LocalStore.open(db);
             AlertTimer alerts = new AlertTimer(store.alerts(), Clock.systemUTC());
             IngestPipeline pipeline = new IngestPipeline(settings, mapping, store.writer(), group, Clock.systemUTC())) {
            alerts.engine().addListener(new PrintingAlarms(out));
            pipeline.addListener(alerts.engine());
            alerts.start(store.devices().all(), Duration.ofSeconds(1));
            CountDownLatch counted = new CountDownLatch(count > 0 ? 1 : 0);
            if (count > 0) {
                pipeline.addListener((batch, result) -> {
                    if (pipeline.stats().readings() >= count) counted.countDown();
                });
            }
            if (metricsPort >= 0) {
                metricsServer = MetricsServer.start(metricsPort, new CollectorMetrics(pipeline, Clock.systemUTC()));
            }
            store.retention().startBackground(policy, Duration.ofMinutes(1), Duration.ofHours(1),
                    Clock.systemUTC());
            pipeline.start(Duration.ofSeconds(connectTimeoutSeconds));
            long start = System.nanoTime();
            out.printf("Collecting from %s into %s%s%s%n", settings.uri(), store.location(),
                    group.map(g -> " as a member of shared group '" + g + "'").orElse(""),
                    count > 0 ? " until " + String.format(Locale.ROOT, "%,d", count) + " readings are stored"
                            : durationSeconds > 0 ? " for " + durationSeconds + " s" : ", Ctrl+C to stop");
            out.printf("Retention %s (--retention to change)%n", policy.describe());
            out.printf("Client id %s (%s; persistent session: what the broker kept for it comes now)%n", settings.clientId(),
                    idSource);
            if (metricsServer != null) {
                out.printf("Metrics on http://localhost:%d/metrics, health on http://localhost:%d/health%n",
                        metricsServer.port(), metricsServer.port());
            }
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            long deadline = durationSeconds > 0 ? start + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
            long lastMessages = 0;
            long lastTick = start;
            long nextProgress = start + TimeUnit.SECONDS.toNanos(progressSeconds);
            boolean reached = false;
            while (System.nanoTime() < deadline) {
                long wait = Math.min(nextProgress, deadline) - System.nanoTime();
                if (count > 0) {
                    if (counted.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                        reached = true;
                        break;
                    }
                    if (stop.getCount() == 0) break;
                } else if (stop.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                    break;
                }
                long now = System.nanoTime();
                if (now < nextProgress) continue;
                nextProgress = now + TimeUnit.SECONDS.toNanos(progressSeconds);
                IngestStats s = pipeline.stats();
                double rate = (s.messages() - lastMessages) / ((now - lastTick) / 1e9);
                out.printf("messages %,d · rows %,d · duplicates %,d · quarantined %,d · %,.0f msg/s · %s%s%n",
                        s.messages(), s.readings(), s.duplicates(), s.quarantined(), rate,
                        s.state().name().toLowerCase(Locale.ROOT),
                        s.dropWarnings() > 0 ? " · " + s.dropWarnings() + " warning(s) of dropped readings" : "");
                out.flush();
                lastMessages = s.messages();
                lastTick = now;
            }
            double countedSecs = (System.nanoTime() - start) / 1e9;
            pipeline.close();
            IngestStats s = pipeline.stats();
            double secs = (System.nanoTime() - start) / 1e9;
            if (reached) {
                out.printf(Locale.ROOT, "Stored %,d readings in %.2f s: %,.0f readings/s%n", s.readings(), countedSecs,
                        s.readings() / Math.max(countedSecs, 1e-9));
            } else if (count > 0) {
                out.printf("Stopped before %,d readings were stored%n", count);
            }
            startUpTimes(pipeline).ifPresent(out::println);
            out.printf("Done after %.1f s: %,d messages, %,d rows stored, %,d duplicates, %,d quarantined, %d reconnects "
                            + "(%,.0f msg/s)%n", secs, s.messages(), s.readings(), s.duplicates(), s.quarantined(),
                    s.reconnects(), s.messages() / Math.max(secs, 1e-9));
            if (s.dropWarnings() > 0) {
                out.printf("Warning: %d sign(s) that the broker dropped readings (see the log), e.g. %s%n", s.dropWarnings(),
                        pipeline.dropWarnings().getLast().message());
            }
            if (pipeline.decodeWarnings() > 0) {
                out.printf("%,d warning(s), e.g. retained Tasmota commands that switch plugs by themselves: see the log%n",
                        pipeline.decodeWarnings());
            }
            if (saveDiscovered != null) {
                saveDiscovered(pipeline, out);
            }
            out.flush();
        } finally {
            if (metricsServer != null) metricsServer.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // shutting down already, or the hook was never added
            }
        }
        return ExitCodes.OK;
    }

    /** "Start-up: first message 2.1 s after the JVM started, first commit 2.4 s" (where the start-up time goes). */
    private static Optional<String> startUpTimes(IngestPipeline pipeline) {
        long firstMessage = pipeline.firstMessageMillis();
        long firstCommit = pipeline.firstCommitMillis();
        var jvmStart = ProcessHandle.current().info().startInstant();
        if (firstMessage == 0 || firstCommit == 0 || jvmStart.isEmpty()) return Optional.empty();
        long t0 = jvmStart.get().toEpochMilli();
        return Optional.of(String.format(Locale.ROOT, "Start-up: first message %.1f s after the JVM started, first commit %.1f s",
                (firstMessage - t0) / 1e3, (firstCommit - t0) / 1e3));
    }

    /** "ALARM raised …" / "ALARM cleared …" lines, from the alert engine's thread. */
    private record PrintingAlarms(PrintWriter out) implements AlarmListener {
        @Override
        public void raised(Alarm a) {
            synchronized (out) {
                out.printf("ALARM raised  %s  %s (%s)%n", a.raisedAt(), a.message(), a.ruleName());
                out.flush();
            }
        }

        @Override
        public void cleared(Alarm a) {
            synchronized (out) {
                out.printf("ALARM cleared %s  %s (%s)%s%n", a.clearedAt(), a.deviceId(), a.ruleName(),
                        a.peak() == null ? "" : ", peak " + io.edgedeck.db.AlertRule.number(Math.round(a.peak() * 100) / 100.0));
                out.flush();
            }
        }
    }

    private void saveDiscovered(IngestPipeline pipeline, PrintWriter out) throws java.io.IOException {
        var found = pipeline.decoder().discoveredMapping();
        if (found.isEmpty()) {
            out.printf("No Home Assistant discovery messages were understood; %s not written%n", saveDiscovered);
            return;
        }
        java.nio.file.Files.writeString(saveDiscovered, found.get().toJson());
        out.printf("Saved %d discovered rule(s) to %s (use it with --mapping)%n", found.get().rules().size(), saveDiscovered);
    }
}
