package io.edgedeck.app.console;

import io.edgedeck.app.AppPaths;
import io.edgedeck.app.Settings;
import io.edgedeck.app.SettingsStore;
import io.edgedeck.app.UiSettings;
import io.edgedeck.app.Versions;
import io.edgedeck.app.cli.BrokerUris;
import io.edgedeck.app.cli.ExitCodes;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.RetentionPolicy;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.mqtt.LiveFeed;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Reading;
import io.edgedeck.link.sim.DemoHistory;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.link.tls.TlsSettings;
import io.edgedeck.services.ConsoleServices;
import io.edgedeck.services.FleetTrust;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.RelayControl;
import io.edgedeck.services.alerts.AlarmAcknowledger;
import io.edgedeck.services.alerts.AlertRules;
import io.edgedeck.services.alerts.AlertTimer;
import io.edgedeck.services.alerts.ConsoleAlerts;
import io.edgedeck.services.alerts.SlackAlarmNotifier;
import io.edgedeck.services.alerts.SlackWebhook;
import io.edgedeck.services.alerts.WebhookSender;
import io.edgedeck.services.links.DeviceOrigins;
import io.edgedeck.services.links.DeviceOriginsFile;
import io.edgedeck.services.links.RememberedOrigins;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.ConnectionTester;
import io.edgedeck.services.profiles.ProfileStore;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.services.energy.TariffFile;
import io.edgedeck.views.MainWindow;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.connection.ConnectionDialog;
import io.edgedeck.views.connection.ConnectionViewModel;
import io.edgedeck.views.connection.FirstRunChoice;
import io.edgedeck.views.connection.FirstRunDialog;
import io.edgedeck.views.events.EventLog;
import io.edgedeck.views.flash.FlashBackend;
import io.edgedeck.views.shell.AboutInfo;
import io.edgedeck.views.shell.ConsoleShell;
import io.edgedeck.views.shell.SystemFolderOpener;
import io.edgedeck.views.shell.WindowLayout;
import io.edgedeck.views.theme.AppearanceViewModel;
import io.edgedeck.views.theme.SystemThemeDetector;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of the desktop console: opens the store, chooses the first connection ({@code --broker}, the
 * saved profile, or the built-in broker with a simulated fleet whose plugs trust this console's operators), wires the
 * switchable {@link FleetLink} and the operator services (sign-in, relay commands over a command channel of their own)
 * to the main window, asks the first start's question, opens the connection dialog and switches profiles without a
 * restart, and takes it all down when the window closes. Everything is created here with {@code new}; nothing is
 * static.
 */
public final class ConsoleRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRuntime.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Devices' connections are written at most this often (a fleet coming up changes thousands at once). */
    private static final Duration ORIGINS_WRITE_DELAY = Duration.ofSeconds(2);

    private final AppPaths paths;
    private final ConsoleOptions options;
    private final CountDownLatch windowClosed = new CountDownLatch(1);

    private final SettingsStore settingsStore;
    private final ProfileStore profiles;
    private volatile Settings settings;
    private volatile String defaultClientId;
    private volatile ExecutorService background;
    private volatile LocalStore store;
    private volatile FleetLinks fleetLinks;
    private volatile MainWindow window;
    private volatile Stage stage;
    private volatile String startupProblem;
    private ConnectionDialog connectionDialog;
    static final int DEMO_HISTORY_DAYS = 30;
    static final int DEMO_FINE_HOURS = 2;
    private volatile boolean windowFailed;
    /** The look and layout to save when the window has closed (null: nothing to save). */
    private volatile UiSettings uiToSave;
    private volatile EventLog events;
    private volatile ExplorerTaps taps;
    private final DeviceOrigins origins = new DeviceOrigins();
    private volatile RememberedOrigins rememberedOrigins;
    /** Why the remembered device connections could not be read at start (for the event log), or null. */
    private volatile String originsProblem;

    public ConsoleRuntime(AppPaths paths, ConsoleOptions options) {
        this.paths = paths;
        this.options = options;
        this.settingsStore = new SettingsStore(paths.settingsFile());
        this.profiles = ProfileStore.inConfigFolder(paths.configDir());
    }

    /** Runs the console until its window is closed; returns the exit code. */
    public int run() {
        requireDisplay();
        settings = settingsStore.load();
        UiSettings ui = settings.uiOrDefaults();
        RetentionPolicy retention = settings.retentionPolicy(); // a bad "retention" setting is reported before anything opens
        defaultClientId = settings.clientId() != null ? settings.clientId() : "edgedeck-console-" + userPart();
        Path dbFile = options.database() != null ? options.database() : paths.defaultDatabase();

        background = Executors.newCachedThreadPool(daemonThreads("edgedeck-bg"));
        try (LocalStore store = LocalStore.open(dbFile);
             AlertTimer alerts = new AlertTimer(store.alerts(), Clock.systemUTC());
             WebhookSender slack = slackTarget(settings, alerts)) {
            this.store = store;
            // history past its tier (settings.json "retention", default raw 7 d, 1 min 30 d, 1 h 1 y, 1 d 5 y) goes in
            // small batches between commits
            store.retention().startBackground(retention, Duration.ofMinutes(1), Duration.ofHours(1),
                    Clock.systemUTC());
            ConsoleConnection first = initialConnection();
            try (RememberedOrigins remembered = RememberedOrigins.start(
                         new DeviceOriginsFile(paths.deviceOriginsFile()), origins, ORIGINS_WRITE_DELAY);
                 FleetLinks link = new FleetLinks(store, origins, brokerSettings -> demoFleet(brokerSettings, store),
                         new LinkEvents(), CONNECT_TIMEOUT)) {
                originsProblem = remembered.loadProblem().orElse(null);
                rememberedOrigins = remembered;
                checkOrigins(List.of(first.name())); // before the window shows a device
                fleetLinks = link;
                ConsoleServices services = services(store, link.commands(), background, alerts);
                link.feed().addListener(alerts.engine()); // alarms follow every connection
                ConsoleInfo info = new ConsoleInfo(first.name() + (first.demo() ? " — starting" : " — "
                        + first.describe(first.settings())), first.demo(), store.location());
                showWindow(store, link.feed(), info, services, background, ui);
                alerts.start(store.devices().all(), Duration.ofSeconds(1));
                background.execute(() -> switchQuietly(first));
                restoreAlsoConnected();
                windowClosed.await();
                saveUi();
                services.session().signOut();
                LOG.info("Window closed, shutting down");
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
     * {@code --broker} for this run, else the profile the settings name, else a {@code brokerUrl} from settings.json
     * (before profiles existed), else the demo fleet. A profile that cannot be loaded falls back to the demo fleet and
     * says why.
     */
    private ConsoleConnection initialConnection() {
        Path mapping = settings.mappingFile() != null ? Path.of(settings.mappingFile()) : null;
        if (options.broker() != null) {
            return new ConsoleConnection("command line", false, withTls(BrokerSettings.of(options.broker(), defaultClientId)
                    .withVersion(version()), options.tls()), mapping);
        }
        String wanted = options.profile() != null ? options.profile() : settings.profile();
        if (wanted != null && !wanted.isBlank()) {
            try {
                var profile = profiles.find(wanted);
                if (profile.isPresent()) {
                    return ConsoleConnection.of(profile.get(), defaultClientId);
                }
                startupProblem = "There is no connection profile '" + wanted + "' (" + profiles.file()
                        + "); showing the demo fleet.";
            } catch (RuntimeException e) {
                startupProblem = "The connection profile '" + wanted + "' cannot be used: " + e.getMessage()
                        + "\n\nShowing the demo fleet; open the connection dialog (Ctrl+Shift+B) to fix it.";
            }
            return ConsoleConnection.demo(defaultClientId, mapping);
        }
        if (!settings.usesEmbeddedBroker()) {
            return new ConsoleConnection("settings.json", false,
                    BrokerSettings.of(BrokerUris.parse(settings.brokerUrl()), defaultClientId).withVersion(version()), mapping);
        }
        return ConsoleConnection.demo(defaultClientId, mapping);
    }

    private MqttVersion version() {
        return settings.mqttVersion() != null ? MqttVersion.parse(settings.mqttVersion()) : MqttVersion.V5;
    }

    private static BrokerSettings withTls(BrokerSettings base, Optional<TlsSettings> tls) {
        return tls.map(base::withTls).orElse(base);
    }

    /** The demo plugs trust the keys of this console's enabled Admins and Technicians, as a provisioned fleet would. */
    private FleetSimulator demoFleet(BrokerSettings broker, LocalStore store) {
        var config = new SimulationConfig(options.demoPlugs(), options.demoSensors(), 1.0, System.nanoTime());
        if (store.readings().count() == 0) { // a first start: the tiles must not wait for 30 days of history
            background.execute(() -> {
                seedDemoHistory(store, config);
                Platform.runLater(() -> {
                    if (window != null) window.storeWrittenBehindTheFeed(); // first seen: 30 days ago now
                });
            });
        }
        return new FleetSimulator(BrokerSettings.of(broker.uri(), "edgedeck-demo-fleet"), config,
                FleetSimulator.Timing.realistic(), ZoneId.systemDefault(), new FleetTrust(store.operators()),
                Clock.systemUTC()).withForeignDevices();
    }

    /**
     * Remembered device connections whose profile was deleted or renamed (and which are not live) show as "was NAME"
     * and are not routed to. Off the FX thread: reads profiles.json.
     */
    private void checkOrigins(List<String> alsoExisting) {
        List<String> names = new java.util.ArrayList<>(alsoExisting);
        try {
            names.addAll(profiles.names());
        } catch (RuntimeException e) {
            LOG.warn("Remembered device connections not checked: {}", e.getMessage());
            return; // an unreadable profiles file is reported where profiles are used; nothing is marked gone
        }
        FleetLinks links = fleetLinks;
        if (links != null) links.connections().forEach(c -> names.add(c.name()));
        origins.existingConnections(names);
    }

    /** The profiles that were connected as well when the console closed come up again, each on its own thread. */
    private void restoreAlsoConnected() {
        var remembered = RememberedConnections.of(settings, profiles, defaultClientId);
        remembered.problems().forEach(p -> LOG.warn("{}", p));
        for (ConsoleConnection next : remembered.connections()) { // listed in the saved order, brought up in parallel
            if (fleetLinks.add(next)) background.execute(() -> bringUpQuietly(next.name()));
        }
    }

    private void bringUpQuietly(String name) {
        try {
            fleetLinks.bringUp(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void switchQuietly(ConsoleConnection next) {
        try {
            fleetLinks.switchPrimary(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sign-in with the operator's own key (key files in the data folder's {@code keys}), and relay commands checked,
     * rate-limited, signed and audited, published on the console's command channel.
     */
    private ConsoleServices services(LocalStore store, io.edgedeck.services.CommandPublisher commandLink,
                                     ExecutorService background,
                                     AlertTimer alerts) {
        KeyRing keys = KeyRing.inDataFolder(paths.dataDir());
        OperatorSession session = new OperatorSession(store.operators(), store.audit(), keys);
        RelayControl relays = new RelayControl(store.operators(), store.audit(),
                new CommandRateLimiter(Clock.systemUTC()), commandLink, Clock.systemUTC(), new SecureRandom(),
                background);
        var consoleAlerts = new ConsoleAlerts(alerts.engine(), new AlertRules(store.alerts(), store.operators(), alerts.engine()),
                new AlarmAcknowledger(store.alerts(), store.operators(), alerts.engine()), store.alerts());
        return new ConsoleServices(session, relays, keys, consoleAlerts);
    }

    /**
     * Posts alarms to the Slack webhook of the settings, if one is set; a bad address is logged (redacted) and the
     * console goes on without it. Returns the sender to close, or null.
     */
    private static WebhookSender slackTarget(Settings settings, AlertTimer alerts) {
        if (settings.slackWebhookUrl() == null || settings.slackWebhookUrl().isBlank()) {
            return null;
        }
        try {
            SlackWebhook hook = SlackWebhook.parse(settings.slackWebhookUrl());
            WebhookSender sender = new WebhookSender(hook, WebhookSender.Policy.defaults());
            alerts.engine().addListener(new SlackAlarmNotifier(sender, userPart() + "@" + hostName(), ZoneId.systemDefault()));
            LOG.info("Alarms are posted to the Slack webhook {}", hook.redacted());
            return sender;
        } catch (IllegalArgumentException e) {
            LOG.warn("No Slack notifications: {}", e.getMessage());
            return null;
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * A fresh demo database gets the simulated fleet's last {@link #DEMO_HISTORY_DAYS} days beside the live readings
     * (the store takes readings older than a device's newest as late ones, rollups and energy included), so History and
     * Energy have something to show at once; a database with readings is left alone. The last
     * {@value #DEMO_FINE_HOURS} hours come first, a reading every 10 s, so the History tab's default hour is full at
     * once; the rest has a reading every 10 minutes (the longest step integrated power still bridges).
     */
    private static void seedDemoHistory(LocalStore store, SimulationConfig config) {
        long now = System.currentTimeMillis();
        long started = System.nanoTime();
        long[] rows = {0};
        long fineFrom = now - DEMO_FINE_HOURS * 3_600_000L;
        Consumer<List<Reading>> write = batch -> rows[0] += store.writer().commit(IngestBatch.of(batch)).readingsStored();
        try {
            DemoHistory.generate(config, ZoneId.systemDefault(), fineFrom, now - 60_000, 10_000, write);
            DemoHistory.generate(config, ZoneId.systemDefault(), now - DEMO_HISTORY_DAYS * 86_400_000L, fineFrom,
                    600_000, write);
        } catch (RuntimeException e) { // closed meanwhile: the history is a convenience, the live fleet goes on
            LOG.warn("Demo fleet history stopped after {} readings: {}", rows[0], e.getMessage());
            return;
        }
        LOG.info("Demo fleet: {} readings of the last {} days written in {} ms", rows[0], DEMO_HISTORY_DAYS,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The link's news, shown in the window. */
    private final class LinkEvents implements FleetLinks.Events {
        /** A connection added as well: a notification and the event log, no dialog (its chip turns red too). */
        @Override
        public void otherFailed(String connection, String header, String message, boolean retrying) {
            Platform.runLater(() -> {
                if (window != null) window.warn("Broker", header + " (" + connection + ")",
                        message + (retrying ? "\n\nEdgeDeck keeps trying in the background." : ""));
            });
        }

        @Override
        public void switched(ConsoleConnection connection, String description) {
            var info = new ConsoleInfo(description, connection.demo(), store.location());
            try {
                CompletableFuture.runAsync(() -> {
                    if (window != null) window.showConnection(info);
                    if (stage != null) stage.setTitle(title(info));
                }, Platform::runLater).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("The window did not take the new connection in time: {}", e.toString());
            }
        }

        @Override
        public void failed(String header, String message, boolean retrying) {
            Platform.runLater(() -> showError(header, message + (retrying ? "\n\nEdgeDeck keeps trying in the background." : "")));
        }

        @Override
        public void linkUp(ConsoleConnection connection, BrokerSettings actual, TopicMapping mapping) {
            ExplorerTaps t = taps;
            if (t != null) t.up(connection.name(), actual, mapping);
        }

        @Override
        public void linkDown(ConsoleConnection connection) {
            ExplorerTaps t = taps;
            if (t != null) t.down(connection.name());
        }
    }

    /**
     * The Topics tab's "Map this topic to a device…": the rule goes into the connection's mapping file, then the
     * connection is switched to itself with it (as a profile switch does, without a restart). Off the FX thread.
     */
    private CompletableFuture<String> mapTopic(String connectionName, io.edgedeck.link.codec.MappingRule rule) {
        return CompletableFuture.supplyAsync(() -> {
            ConsoleConnection current = fleetLinks.connection(connectionName).orElseThrow(() ->
                    new IllegalStateException("'" + connectionName + "' is no longer connected"));
            var mappings = new ConnectionMappings(profiles, paths.configDir(), file -> {
                settings = settings.withMappingFile(file.toString());
                saveSettings(settings);
            });
            ConsoleConnection next = mappings.addRule(current, rule);
            LOG.info("Mapping rule for '{}' added to {}; reconnecting '{}'", rule.topic(), next.mapping(), next.name());
            background.execute(() -> {
                try {
                    fleetLinks.reconnect(next);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return "The rule for " + rule.topic() + " is saved in " + next.mapping() + "; " + next.name()
                    + " reconnects to apply it.";
        }, background);
    }

    /** The connection dialog (Ctrl+Shift+B, a click on the status bar's connection). FX thread. */
    private void openConnections() {
        if (connectionDialog != null && connectionDialog.isShowing()) {
            toFront(connectionDialog);
            return;
        }
        var vm = new ConnectionViewModel(profiles, new ConnectionTester(defaultClientId, CONNECT_TIMEOUT),
                this::connectTo, new Tasks(background, Platform::runLater));
        vm.setSeveral(this::connectAlso, this::disconnect, this::liveNames);
        vm.setOnRenamed((from, to) -> background.execute(() -> { // its devices' remembered connection follows
            RememberedOrigins kept = rememberedOrigins;
            if (kept != null) kept.renamed(from, to);
        }));
        connectionDialog = new ConnectionDialog(vm, stage);
        connectionDialog.setOnHidden(e -> background.execute(() -> checkOrigins(List.of()))); // a profile deleted or renamed
        ConsoleConnection current = fleetLinks.primaryConnection();
        vm.load(current == null ? settings.profile() : current.name());
        connectionDialog.show();
    }

    private void toFront(javafx.scene.control.Dialog<?> d) {
        var w = d.getDialogPane().getScene().getWindow();
        if (w instanceof Stage s) s.toFront();
    }

    /** Switches to the profile without a restart and remembers it for the next start. FX thread. */
    private void connectTo(ConnectionProfile profile) {
        ConsoleConnection next;
        try {
            next = ConsoleConnection.of(profile, defaultClientId);
            if (profile.demo() && settings.mappingFile() != null) {
                next = ConsoleConnection.demo(defaultClientId, Path.of(settings.mappingFile())); // as at start
            }
        } catch (RuntimeException e) {
            showError("Cannot use " + profile.name(), String.valueOf(e.getMessage()));
            return;
        }
        settings = settings.withProfile(profile.name()).withFirstRunAnswered();
        Settings toSave = settings;
        ConsoleConnection chosen = next;
        background.execute(() -> {
            saveSettings(toSave);
            boolean wasAlso = fleetLinks.alsoConnected().stream().anyMatch(n -> n.equalsIgnoreCase(chosen.name()));
            switchQuietly(chosen);
            if (wasAlso) rememberAlsoConnected();
        });
    }

    /** "Connect as well": the profile comes up beside the others and again at the next start. FX thread. */
    private void connectAlso(ConnectionProfile profile) {
        ConsoleConnection next;
        try {
            next = ConsoleConnection.of(profile, defaultClientId);
        } catch (RuntimeException e) {
            showError("Cannot use " + profile.name(), String.valueOf(e.getMessage()));
            return;
        }
        background.execute(() -> {
            try { // remembered once added: a profile that keeps retrying is still wanted next time
                fleetLinks.connectAlso(next, this::rememberAlsoConnected);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** "Disconnect": takes a connection added as well down (the primary one stays: "Connect" replaces it). FX thread. */
    private void disconnect(ConnectionProfile profile) {
        ConsoleConnection primary = fleetLinks.primaryConnection();
        if (primary != null && primary.name().equalsIgnoreCase(profile.name())) {
            showError(profile.name() + " is the primary connection", "Connect another profile to replace it; "
                    + "Disconnect takes down connections added with \"Connect as well\".");
            return;
        }
        background.execute(() -> {
            fleetLinks.disconnect(profile.name());
            rememberAlsoConnected();
        });
    }

    private java.util.Set<String> liveNames() {
        var names = new java.util.TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        fleetLinks.connections().forEach(c -> names.add(c.name()));
        return names;
    }

    private synchronized void rememberAlsoConnected() {
        settings = settings.withAlsoConnected(fleetLinks.alsoConnected()).withFirstRunAnswered();
        saveSettings(settings);
    }

    private synchronized void rememberShowSysTopics(boolean on) {
        settings = settings.withShowSysTopics(on);
        saveSettings(settings);
    }

    private void saveSettings(Settings s) {
        try {
            settingsStore.save(s);
        } catch (RuntimeException e) {
            LOG.warn("Settings not saved: {}", e.getMessage());
            Platform.runLater(() -> showError("Settings not saved", e.getMessage()));
        }
    }

    /** The first start's one question; the answer is remembered. FX thread. */
    private void askFirstRun() {
        var dialog = new FirstRunDialog(stage);
        dialog.setOnHidden(e -> {
            FirstRunChoice choice = dialog.getResult() == null ? FirstRunChoice.DEMO : dialog.getResult();
            settings = settings.withFirstRunAnswered();
            Settings toSave = settings;
            background.execute(() -> saveSettings(toSave));
            if (choice == FirstRunChoice.MY_BROKER) {
                openConnections();
            }
        });
        dialog.show();
    }

    private static String title(ConsoleInfo info) {
        return info.demoFleet() ? "EdgeDeck — demo fleet" : "EdgeDeck — " + info.brokerDescription();
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

    private void showWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, ConsoleServices services,
                            ExecutorService background, UiSettings ui) throws InterruptedException {
        CountDownLatch shown = new CountDownLatch(1);
        try {
            Platform.startup(() -> startOnFxThread(store, feed, info, services, background, ui, shown));
        } catch (RuntimeException e) {
            throw new IllegalStateException("JavaFX could not open a window (" + e.getMessage() + "). On Debian or "
                    + "Ubuntu the GTK 3 library is needed: sudo apt-get install libgtk-3-0", e);
        }
        shown.await();
    }

    private void startOnFxThread(LocalStore store, LiveFeed feed, ConsoleInfo info, ConsoleServices services,
                                 ExecutorService background, UiSettings ui, CountDownLatch shown) {
        try {
            var tasks = new Tasks(background, Platform::runLater);
            var appearance = new AppearanceViewModel(UiPreferences.theme(ui), UiPreferences.zoomPercent(ui),
                    SystemThemeDetector.forThisMachine()::detect, tasks);
            events = new EventLog(Platform::runLater, Clock.systemUTC());
            if (originsProblem != null) events.warning("Devices", "Remembered device connections not read", originsProblem);
            MainWindow window = new MainWindow(store, feed, info, background, FlashBackend.system(), services,
                    appearance, events, new TariffFile(paths.settingsFile().resolveSibling("tariff.json")));
            window.setOnOpenConnections(this::openConnections);
            window.setOnCancelConnecting(() -> background.execute(() -> {
                if (fleetLinks.stopConnectingPrimary()) {
                    events.info("Broker", "Stopped connecting (Cancel); choose a connection with Ctrl+Shift+B");
                }
            }));
            window.setConnections(fleetLinks, origins);
            window.setTopicMapper(this::mapTopic);
            var explorer = new ExplorerTaps(window.topicTree(), background, CONNECT_TIMEOUT,
                    (header, message) -> events.warning("Topics", header, message),
                    (connection, note) -> Platform.runLater(() -> window.setTopicsSysNote(connection, note)));
            SysTopicsChoice.apply(UiPreferences.showSysTopics(ui), window.topicsShowSysProperty(), explorer, background,
                    this::rememberShowSysTopics);
            taps = explorer;
            this.window = window;
            Stage stage = new Stage();
            this.stage = stage;
            stage.setTitle(title(info));
            stage.setScene(new Scene(window.root()));
            stage.setMinWidth(WindowLayout.MIN_WIDTH);
            stage.setMinHeight(WindowLayout.MIN_HEIGHT);
            var about = new AboutInfo(new Versions().edgedeck(), store.location(), paths.dataDir(),
                    paths.settingsFile(), paths.logDir());
            var shell = new ConsoleShell(stage, window, about, new SystemFolderOpener(), tasks);
            boolean touring = options.screenshot() != null || options.screenshotDir() != null;
            List<Rectangle2D> screens = javafx.stage.Screen.getScreens().stream()
                    .map(javafx.stage.Screen::getVisualBounds).toList();
            // screenshots are taken at a fixed size and must not change the user's saved layout
            shell.restore(touring ? new WindowLayout(0, 0, 1366, 768, false, null) : UiPreferences.layout(ui),
                    touring ? List.of(new Rectangle2D(0, 0, 1366, 768)) : screens);
            stage.setOnHidden(e -> {
                if (!touring) {
                    uiToSave = UiPreferences.of(appearance.choiceProperty().get(),
                            appearance.zoomPercentProperty().get(), shell.layout(), window.topicsShowSysProperty().get());
                }
                window.close();
                windowClosed.countDown();
            });
            // macOS hands an opened .bin over as an event; the handler must be set before the window shows
            DesktopOpenFileEvents.listen(new OpenedFiles(Platform::runLater, window::openFlashImage));
            stage.show();
            LOG.info("Window shown {} ms after the process started", sinceProcessStart().toMillis());
            if (options.flashImage() != null) {
                window.openFlashImage(options.flashImage());
            }
            if (options.screenshot() != null && options.screenshotFirstRun()) {
                new FirstRunScreenshot(stage, new FirstRunDialog(stage), options.screenshot())
                        .after(Duration.ofSeconds(options.screenshotDelaySeconds()));
            } else if (options.screenshot() != null) {
                new ScreenshotTaker(stage, options.screenshot(), options.screenshotTab())
                        .after(Duration.ofSeconds(options.screenshotDelaySeconds()));
            } else if (options.screenshotDir() != null) {
                new ScreenshotTour(stage, window, options.screenshotDir(),
                        Executors.newSingleThreadExecutor(daemonThreads("edgedeck-screenshot")))
                        .after(Duration.ofSeconds(options.screenshotDelaySeconds()));
            } else if (startupProblem != null) {
                String problem = startupProblem;
                Platform.runLater(() -> showError("The saved connection cannot be used", problem));
            } else if (settings.firstRunQuestionDue(options.broker() != null || options.profile() != null)) {
                Platform.runLater(this::askFirstRun);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not open the main window", e);
            windowFailed = true;
            windowClosed.countDown();
        } finally {
            shown.countDown();
        }
    }

    private static Duration sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, java.time.Instant.now())).orElse(Duration.ZERO);
    }

    /** Keeps the theme, zoom and layout in settings.json, re-reading it so that nothing else in it is lost. */
    private void saveUi() {
        UiSettings ui = uiToSave;
        if (ui == null) {
            return;
        }
        var store = new SettingsStore(paths.settingsFile());
        try {
            store.save(store.load().withUi(ui));
        } catch (RuntimeException e) {
            LOG.warn("The window layout was not saved: {}", e.getMessage());
        }
    }

    private void showError(String header, String message) {
        EventLog log = events;
        if (log != null) {
            log.error("Broker", header, message);
        }
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle("EdgeDeck");
        alert.setHeaderText(header);
        alert.show();
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

}
