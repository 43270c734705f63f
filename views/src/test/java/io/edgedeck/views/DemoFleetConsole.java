package io.edgedeck.views;

import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Role;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.CommandChannel;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.services.ConsoleServices;
import io.edgedeck.services.FleetTrust;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.RelayControl;
import io.edgedeck.services.SignedIn;
import io.edgedeck.services.alerts.AlarmAcknowledger;
import io.edgedeck.services.alerts.AlertRules;
import io.edgedeck.services.alerts.AlertTimer;
import io.edgedeck.services.alerts.ConsoleAlerts;
import io.edgedeck.views.flash.FlashBackend;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console with nothing stood in for, for the end-to-end UI tests: an H2 file with operators (root, an Admin, plus
 * any added; passphrase "NAME-passphrase"), an embedded broker, a simulated fleet that trusts those operators, the
 * ingest pipeline, the real services and the main window at 1366×768. Relay commands go over a real command channel,
 * or fail ({@link #withoutCommands()}); alert rules are evaluated on the commits with {@link #withAlerts()}.
 * <p>
 * {@link #open} makes the store and operators (the test may add rules before starting), {@link #start} the rest;
 * {@link #close} stops everything in reverse.
 */
final class DemoFleetConsole implements AutoCloseable {
    private final Path home;
    private final LocalStore store;
    private final KeyRing keys;
    private final OperatorSession session;
    private final SignedIn root;
    private boolean commands = true;
    private boolean alertsOn;

    private EmbeddedBroker broker;
    private FleetSimulator fleet;
    private IngestPipeline pipeline;
    private CommandChannel channel;
    private AlertTimer alerts;
    private ExecutorService background;
    private MainWindow window;
    private Scene scene;

    private DemoFleetConsole(Path home) {
        this.home = home;
        store = LocalStore.open(home.resolve("console"));
        keys = KeyRing.inDataFolder(home);
        session = new OperatorSession(store.operators(), store.audit(), keys);
        root = session.createFirstOperator("root", "root-passphrase".toCharArray());
    }

    /** The store in {@code home} with the first operator, root (Admin), signed in. */
    static DemoFleetConsole open(Path home) {
        return new DemoFleetConsole(home);
    }

    /** Adds an operator whose passphrase is "NAME-passphrase". */
    DemoFleetConsole operator(String name, Role role) {
        session.createOperator(root, name, role, (name + "-passphrase").toCharArray());
        return this;
    }

    /** Relay commands fail at once instead of going over a command channel. */
    DemoFleetConsole withoutCommands() {
        commands = false;
        return this;
    }

    /** Evaluates the store's alert rules on the pipeline's commits and gives the window the Alarms services. */
    DemoFleetConsole withAlerts() {
        alertsOn = true;
        return this;
    }

    /** Starts broker, fleet, pipeline and services and shows the window on {@code stage}. */
    DemoFleetConsole start(Stage stage, SimulationConfig simulation, String clientId) {
        broker = EmbeddedBroker.start(0);
        fleet = new FleetSimulator(BrokerSettings.of(broker.uri(), "unused"), simulation,
                FleetSimulator.Timing.realistic().withoutDrops(), ZoneOffset.UTC, new FleetTrust(store.operators()),
                Clock.systemUTC());
        pipeline = new IngestPipeline(BrokerSettings.of(broker.uri(), clientId).withCleanStart(true),
                TopicMapping.defaults(), store.writer());
        background = Executors.newCachedThreadPool();
        RelayControl relays;
        if (commands) {
            channel = CommandChannel.connect(BrokerSettings.of(broker.uri(), clientId + "-commands"), Duration.ofSeconds(10));
            relays = new RelayControl(store.operators(), store.audit(), new CommandRateLimiter(Clock.systemUTC()),
                    channel::send, Clock.systemUTC(), new SecureRandom(), background);
        } else {
            relays = new RelayControl(store.operators(), store.audit(), new CommandRateLimiter(Clock.systemUTC()),
                    (device, command) -> CompletableFuture.failedFuture(new IllegalStateException("no commands here")),
                    Clock.systemUTC(), new SecureRandom(), background);
        }
        ConsoleServices services;
        if (alertsOn) {
            alerts = new AlertTimer(store.alerts(), Clock.systemUTC());
            pipeline.addListener(alerts.engine());
            services = new ConsoleServices(session, relays, keys, new ConsoleAlerts(alerts.engine(),
                    new AlertRules(store.alerts(), store.operators(), alerts.engine()),
                    new AlarmAcknowledger(store.alerts(), store.operators(), alerts.engine()), store.alerts()));
        } else {
            services = new ConsoleServices(session, relays, keys);
        }
        window = new MainWindow(store, pipeline, new ConsoleInfo("built-in broker", true, store.location()), background,
                FlashBackend.system(), services);
        scene = new Scene(window.root(), 1366, 768);
        stage.setScene(scene);
        stage.show();
        if (alerts != null) {
            alerts.start(store.devices().all(), Duration.ofSeconds(1));
        }
        pipeline.start(Duration.ofSeconds(10));
        fleet.start();
        return this;
    }

    Path home() {
        return home;
    }

    LocalStore store() {
        return store;
    }

    OperatorSession session() {
        return session;
    }

    SignedIn root() {
        return root;
    }

    EmbeddedBroker broker() {
        return broker;
    }

    FleetSimulator fleet() {
        return fleet;
    }

    IngestPipeline pipeline() {
        return pipeline;
    }

    MainWindow window() {
        return window;
    }

    Scene scene() {
        return scene;
    }

    @Override
    public void close() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::close).get();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (channel != null) {
            channel.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        store.close();
        if (broker != null) {
            broker.close();
        }
    }
}
