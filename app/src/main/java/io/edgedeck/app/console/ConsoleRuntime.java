package io.edgedeck.app.console;

import io.edgedeck.app.AppPaths;
import io.edgedeck.app.Settings;
import io.edgedeck.app.SettingsStore;
import io.edgedeck.app.cli.BrokerUris;
import io.edgedeck.app.cli.ExitCodes;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.RetentionPolicy;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.services.ConsoleServices;
import io.edgedeck.services.FleetTrust;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.RelayControl;
import io.edgedeck.views.flash.FlashBackend;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.MainWindow;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Composition root of the desktop console: opens the store, chooses the broker (configured, or the built-in one
 * with a simulated fleet whose plugs trust this console's operators), wires the ingest pipeline and the operator
 * services (sign-in, relay commands over a command channel of their own) to the main window, and takes it all down
 * when the window closes. Everything is created here with {@code new}; nothing is static.
 */
public final class ConsoleRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRuntime.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final AppPaths paths;
    private final ConsoleOptions options;
    private final CountDownLatch windowClosed = new CountDownLatch(1);

    private volatile EmbeddedBroker broker;
    private volatile FleetSimulator simulator;
    private volatile boolean windowFailed;

    public ConsoleRuntime(AppPaths paths, ConsoleOptions options) {
        this.paths = paths;
        this.options = options;
    }

    /** Runs the console until its window is closed; returns the exit code. */
    public int run() {
        requireDisplay();
        Settings settings = new SettingsStore(paths.settingsFile()).load();
        RetentionPolicy retention = settings.retentionPolicy(); // a bad "retention" setting is reported before anything opens
        URI configured = options.broker() != null ? options.broker()
                : settings.usesEmbeddedBroker() ? null : BrokerUris.parse(settings.brokerUrl());
        boolean demo = configured == null;
        URI brokerUri = demo ? URI.create("tcp://127.0.0.1:" + freePort()) : configured;
        Path dbFile = options.database() != null ? options.database() : paths.defaultDatabase();

        ExecutorService background = Executors.newCachedThreadPool(daemonThreads("edgedeck-bg"));
        try (LocalStore store = LocalStore.open(dbFile); ConsoleCommandLink commandLink = new ConsoleCommandLink()) {
            // history past its tier (settings.json "retention", default raw 7 d, 1 min 30 d, 1 h 1 y, 1 d 5 y) goes in small batches between commits
            store.retention().startBackground(retention, Duration.ofMinutes(1), Duration.ofHours(1),
                    Clock.systemUTC());
            BrokerSettings baseSettings = BrokerSettings.of(brokerUri,
                            settings.clientId() != null ? settings.clientId() : "edgedeck-console-" + userPart())
                    .withVersion(settings.mqttVersion() != null ? MqttVersion.parse(settings.mqttVersion()) : MqttVersion.V5);
            BrokerSettings brokerSettings = !demo && options.tls().isPresent()
                    ? baseSettings.withTls(options.tls().get()) : baseSettings;
            TopicMapping mapping = settings.mappingFile() != null ? TopicMapping.loadWithDefaults(Path.of(settings.mappingFile()))
                    : TopicMapping.defaults();
            try (IngestPipeline pipeline = new IngestPipeline(brokerSettings, mapping, store.writer())) {
                String brokerLabel = demo ? "built-in broker " + brokerUri.getHost() + ":" + brokerUri.getPort()
                        : brokerUri.getHost() + ":" + brokerSettings.port() + (brokerSettings.tls().isPresent() ? " (TLS)" : "");
                ConsoleInfo info = new ConsoleInfo(brokerLabel, demo, store.location());
                ConsoleServices services = services(store, commandLink, background);
                showWindow(store, pipeline, info, services, background);
                background.execute(() -> connect(pipeline, commandLink, brokerSettings, store, demo));
                windowClosed.await();
                services.session().signOut();
                LOG.info("Window closed, shutting down");
            } finally {
                closeQuietly(simulator);
                closeQuietly(broker);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            background.shutdownNow();
            Platform.exit();
        }
        return windowFailed ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /**
     * Sign-in with the operator's own key (key files in the data folder's {@code keys}), and relay commands checked,
     * rate-limited, signed and audited, published on the console's command channel.
     */
    private ConsoleServices services(LocalStore store, ConsoleCommandLink commandLink, ExecutorService background) {
        KeyRing keys = KeyRing.inDataFolder(paths.dataDir());
        OperatorSession session = new OperatorSession(store.operators(), store.audit(), keys);
        RelayControl relays = new RelayControl(store.operators(), store.audit(),
                new CommandRateLimiter(Clock.systemUTC()), commandLink, Clock.systemUTC(), new SecureRandom(),
                background);
        return new ConsoleServices(session, relays, keys);
    }

    private void connect(IngestPipeline pipeline, ConsoleCommandLink commandLink, BrokerSettings brokerSettings,
                         LocalStore store, boolean demo) {
        try {
            if (demo) {
                broker = EmbeddedBroker.start(brokerSettings.port());
            }
            startWithRetries(pipeline);
            if (windowClosed.getCount() > 0) {
                commandLink.connect(brokerSettings, CONNECT_TIMEOUT);
            }
            if (demo && windowClosed.getCount() > 0) {
                // the demo plugs trust the keys of this console's enabled Admins and Technicians, as a provisioned
                // fleet would: commands from the console work, a Viewer's key would not
                var sim = new FleetSimulator(BrokerSettings.of(brokerSettings.uri(), "edgedeck-demo-fleet"),
                        new SimulationConfig(options.demoPlugs(), options.demoSensors(), 1.0, System.nanoTime()),
                        FleetSimulator.Timing.realistic(), ZoneId.systemDefault(), new FleetTrust(store.operators()),
                        Clock.systemUTC());
                simulator = sim;
                sim.start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Start-up failed", e);
            Platform.runLater(() -> showError("EdgeDeck could not start its fleet link", String.valueOf(e.getMessage())));
        }
    }

    /** A broker that is down now may be up in a minute: tell the user once, then keep trying until the window closes. */
    private void startWithRetries(IngestPipeline pipeline) throws InterruptedException {
        long backoffMillis = 5_000;
        boolean told = false;
        while (windowClosed.getCount() > 0) {
            try {
                pipeline.start(CONNECT_TIMEOUT);
                return;
            } catch (LinkException e) {
                LOG.warn("Broker connection failed: {}", e.getMessage());
                if (!told) {
                    told = true;
                    Platform.runLater(() -> showError("Cannot connect to the broker",
                            e.getMessage() + "\n\nEdgeDeck keeps trying in the background."));
                }
            }
            if (windowClosed.await(backoffMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return;
            }
            backoffMillis = Math.min(60_000, backoffMillis * 2);
        }
    }

    /** A console needs a desktop session; say so instead of failing deep inside JavaFX. */
    private static void requireDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        boolean unixDesktop = !os.contains("win") && !os.contains("mac");
        if (unixDesktop && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new IllegalArgumentException("the console needs a desktop session and none is open here (DISPLAY is "
                    + "not set). Use the command-line tools instead (./edgedeck --help), or run it under xvfb-run.");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private void showWindow(LocalStore store, IngestPipeline pipeline, ConsoleInfo info, ConsoleServices services,
                            ExecutorService background) throws InterruptedException {
        CountDownLatch shown = new CountDownLatch(1);
        try {
            Platform.startup(() -> startOnFxThread(store, pipeline, info, services, background, shown));
        } catch (RuntimeException e) {
            throw new IllegalStateException("JavaFX could not open a window (" + e.getMessage() + "). On Debian or "
                    + "Ubuntu the GTK 3 library is needed: sudo apt-get install libgtk-3-0", e);
        }
        shown.await();
    }

    private void startOnFxThread(LocalStore store, IngestPipeline pipeline, ConsoleInfo info, ConsoleServices services,
                                 ExecutorService background, CountDownLatch shown) {
        try {
            MainWindow window = new MainWindow(store, pipeline, info, background, FlashBackend.system(), services);
            Stage stage = new Stage();
            stage.setTitle(info.demoFleet() ? "EdgeDeck — demo fleet" : "EdgeDeck — " + info.brokerDescription());
            stage.setScene(new Scene(window.root(), 1366, 820));
            stage.setMinWidth(900);
            stage.setMinHeight(600);
            stage.setOnHidden(e -> {
                window.close();
                windowClosed.countDown();
            });
            stage.show();
            if (options.screenshot() != null) {
                new ScreenshotTaker(stage, options.screenshot(), options.screenshotTab())
                        .after(Duration.ofSeconds(options.screenshotDelaySeconds()));
            }
        } catch (RuntimeException e) {
            LOG.error("Could not open the main window", e);
            windowClosed.countDown();
        } finally {
            shown.countDown();
        }
    }

    private static void showError(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle("EdgeDeck");
        alert.setHeaderText(header);
        alert.show();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port for the built-in broker: " + e.getMessage(), e);
        }
    }

    private static String userPart() {
        return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
        }
    }
}
