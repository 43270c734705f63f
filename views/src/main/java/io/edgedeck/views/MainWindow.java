package io.edgedeck.views;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.mqtt.LiveFeed;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.dashboard.DashboardView;
import io.edgedeck.views.dashboard.DashboardViewModel;
import io.edgedeck.views.devices.DevicesView;
import io.edgedeck.views.devices.DevicesViewModel;
import io.edgedeck.views.flash.FlashBackend;
import io.edgedeck.views.flash.FlashView;
import io.edgedeck.views.flash.FlashViewModel;
import io.edgedeck.views.fleet.FleetModel;
import io.edgedeck.services.energy.EnergyReports;
import io.edgedeck.services.energy.TariffStore;
import io.edgedeck.views.energy.EnergyView;
import io.edgedeck.views.energy.EnergyViewModel;
import io.edgedeck.views.history.HistoryView;
import io.edgedeck.views.history.HistoryViewModel;
import io.edgedeck.views.quarantine.QuarantineView;
import io.edgedeck.views.quarantine.QuarantineViewModel;
import io.edgedeck.views.status.StatusBarView;
import io.edgedeck.services.links.DeviceOrigins;
import io.edgedeck.services.links.LiveConnections;
import io.edgedeck.views.connections.ConnectionsView;
import io.edgedeck.views.connections.ConnectionsViewModel;
import io.edgedeck.views.connections.DropWarningWatcher;
import io.edgedeck.views.status.StatusBarViewModel;
import io.edgedeck.services.ConsoleServices;
import io.edgedeck.views.alarms.AlarmsView;
import io.edgedeck.views.alarms.AlarmsViewModel;
import io.edgedeck.views.audit.AuditView;
import io.edgedeck.views.audit.AuditViewModel;
import io.edgedeck.views.operators.OperatorsView;
import io.edgedeck.views.operators.OperatorsViewModel;
import io.edgedeck.views.relay.RelayControlViewModel;
import io.edgedeck.views.relay.RelayInteraction;
import io.edgedeck.views.relay.RelayNotice;
import io.edgedeck.views.relay.RelaySender;
import io.edgedeck.views.session.SessionViewModel;
import io.edgedeck.views.session.SignInDialog;
import io.edgedeck.views.session.SignInViewModel;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.Notifications;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;
import io.edgedeck.views.events.EventLog;
import io.edgedeck.views.events.EventsView;
import io.edgedeck.views.events.LoggedEvent;
import io.edgedeck.views.shell.KeyboardShortcuts;
import io.edgedeck.views.theme.AppearanceViewModel;
import io.edgedeck.views.theme.Theme;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.controlsfx.control.action.Action;

import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * EdgeDeck's main window content: Dashboard, History, Devices, Quarantine, Flash, Operators, Audit and Alarms tabs
 * over a status bar with the unacknowledged alarms and the signed-in operator.
 * <p>
 * Create it on the FX thread; put {@link #root()} into a Scene (it carries its own stylesheet) and call
 * {@link #close()} when the window closes. Its look follows an {@link AppearanceViewModel}; notifications, link
 * changes, flash and export results also go to an {@link EventLog}. It does not own the store, the feed or the executor.
 * <p>
 * Live data: the feed's commits are coalesced per device and applied by one UI pulse every {@link #PULSE_MILLIS} ms;
 * counters are read once a second. Database reads run on {@code background}.
 */
public final class MainWindow {
    static final int PULSE_MILLIS = 200;
    private static final int PULSES_PER_TICK = 1000 / PULSE_MILLIS;
    public static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination SIGN_IN = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ACKNOWLEDGE = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    /** Opens the connection dialog (profiles). */
    public static final KeyCombination CONNECTIONS = new KeyCodeCombination(KeyCode.B,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Map<Screen, Tab> tabByScreen = new EnumMap<>(Screen.class);
    private final FleetModel fleet;
    private final MainViewModel main;
    private final DashboardViewModel dashboardVm;
    private final HistoryViewModel historyVm;
    private final QuarantineViewModel quarantineVm;
    private final StatusBarViewModel statusVm;
    private final DashboardView dashboardView;
    private final HistoryView historyView;
    private final DevicesView devicesView;
    private final FlashViewModel flashVm;
    private final Timeline pulse;
    private final Tasks tasks;
    private final LocalStore store;
    private final ConsoleServices services;
    private final SessionViewModel session;
    private final RelayControlViewModel relays;
    private final AuditViewModel auditVm;
    private final OperatorsViewModel operatorsVm;
    private final AlarmsViewModel alarmsVm;
    private final EnergyViewModel energyVm;
    private final io.edgedeck.services.topics.TopicTree topicTree;
    private final io.edgedeck.views.topics.TopicsViewModel topicsVm;
    private final io.edgedeck.views.topics.TopicsView topicsView;
    private final ObservableList<RelayNotice> notices = FXCollections.observableArrayList();
    private final AppearanceViewModel appearance;
    private final EventLog events;
    private Stage eventsWindow;
    private EventsView eventsView;
    private SignInDialog signInDialog;
    private final StatusBarView statusBar;
    private Runnable openConnections = () -> { };
    private int pulses;
    private ConnectionsViewModel connectionsVm;
    private DropWarningWatcher dropWatcher;
    private DeviceOrigins origins;
    private long originsApplied = -1;
    private int devicesApplied = -1;
    /** Drop warnings by device id, for devices the dashboard may not know yet. */
    private final Map<String, String> dropWarnings = new java.util.HashMap<>();
    private Stage connectionsWindow;
    private ConnectionsView connectionsView;

    /** Flashes through the system's serial ports ({@link FlashBackend#system()}). */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background) {
        this(store, feed, info, background, FlashBackend.system());
    }

    /**
     * A window without operator services: nobody can sign in, relay switches say why they are disabled.
     *
     * @param flashing the flasher, port lister and flash thread of the Flash screen
     */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background, FlashBackend flashing) {
        this(store, feed, info, background, flashing, null);
    }

    /**
     * The console's window with operators: sign-in, signed relay commands, the Operators and Audit screens.
     *
     * @param services sign-in, relay commands and key files (null: a window without operators)
     */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background, FlashBackend flashing,
                      ConsoleServices services) {
        this(store, feed, info, new Tasks(background, Platform::runLater), Clock.systemDefaultZone(), flashing, services);
    }

    /**
     * The console's window with its look and its event log.
     *
     * @param appearance theme and text zoom, which the window follows
     * @param events     where errors and notable events go (the Events window shows them)
     */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background, FlashBackend flashing,
                      ConsoleServices services, AppearanceViewModel appearance, EventLog events) {
        this(store, feed, info, background, flashing, services, appearance, events, TariffStore.inMemory());
    }

    /** ... and the tariff kept in {@code tariffs} (the settings folder's tariff.json). */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background, FlashBackend flashing,
                      ConsoleServices services, AppearanceViewModel appearance, EventLog events, TariffStore tariffs) {
        this(store, feed, info, new Tasks(background, Platform::runLater), Clock.systemDefaultZone(), flashing, services,
                appearance, events, tariffs);
    }

    MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Tasks tasks, Clock clock) {
        this(store, feed, info, tasks, clock, FlashBackend.system());
    }

    MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Tasks tasks, Clock clock, FlashBackend flashing) {
        this(store, feed, info, tasks, clock, flashing, null);
    }

    /** The console's window with operators and the tariff kept in {@code tariffs} (the settings folder's tariff.json). */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background, FlashBackend flashing,
                      ConsoleServices services, TariffStore tariffs) {
        this(store, feed, info, new Tasks(background, Platform::runLater), Clock.systemDefaultZone(), flashing, services,
                AppearanceViewModel.fixedDark(), new EventLog(Platform::runLater, Clock.systemUTC()), tariffs);
    }

    MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Tasks tasks, Clock clock, FlashBackend flashing,
               ConsoleServices services) {
        this(store, feed, info, tasks, clock, flashing, services, AppearanceViewModel.fixedDark(),
                new EventLog(tasks.fx(), clock), TariffStore.inMemory());
    }

    MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Tasks tasks, Clock clock, FlashBackend flashing,
               ConsoleServices services, AppearanceViewModel appearance, EventLog events, TariffStore tariffs) {
        this.store = Objects.requireNonNull(store, "store");
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        this.events = Objects.requireNonNull(events, "events");
        this.tasks = tasks;
        this.services = services;
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(info, "info");
        fleet = new FleetModel(clock);
        feed.addListener(fleet);

        historyVm = new HistoryViewModel(fleet,
                // min and max per pixel column: maxPoints / 2 columns, from the coarsest resolution that fills them
                q -> store.readings().history(q.deviceId(), q.metric(), q.from(), q.to(), Math.max(1, q.maxPoints() / 2)),
                tasks, clock, ZoneId.systemDefault());
        historyVm.setCsvExporter((q, resolution, file) -> {
            try (var out = java.nio.file.Files.newBufferedWriter(file)) {
                return store.readings().exportCsv(q.deviceId(), q.from(), q.to(), resolution, out);
            }
        });
        main = new MainViewModel(historyVm::showDevice);
        dashboardVm = new DashboardViewModel(fleet, info, clock, main::openHistory);
        var devicesVm = new DevicesViewModel(fleet, main::openHistory);
        quarantineVm = new QuarantineViewModel(store.quarantine(), tasks);
        statusVm = new StatusBarViewModel(feed, store, info, tasks, clock);

        session = new SessionViewModel(services == null ? null : services.session(), tasks.fx());
        relays = new RelayControlViewModel(session.operatorProperty(), relaySender(), tasks, clock, this::notify);
        RelayInteraction ui = new WindowInteraction();
        auditVm = new AuditViewModel(store.audit(), tasks, session.operatorProperty(), ZoneId.systemDefault());
        operatorsVm = services == null ? null
                : new OperatorsViewModel(services.session(), store.operators(), tasks, session.signedInProperty());
        alarmsVm = new AlarmsViewModel(services == null ? null : services.alerts(), tasks, session.signedInProperty(),
                this::notifyAlarms);

        dashboardView = new DashboardView(dashboardVm, relays, ui);
        historyView = new HistoryView(historyVm);
        devicesView = new DevicesView(devicesVm, relays, ui);
        var quarantineView = new QuarantineView(quarantineVm);
        Objects.requireNonNull(flashing, "flashing");
        flashVm = new FlashViewModel(flashing.boards(), flashing.ports(), tasks, flashing.flashThread(), clock);
        var flashView = new FlashView(flashVm);

        addTab(Screen.DASHBOARD, dashboardView);
        addTab(Screen.HISTORY, historyView);
        addTab(Screen.DEVICES, devicesView);
        topicTree = new io.edgedeck.services.topics.TopicTree(clock::millis);
        topicsVm = new io.edgedeck.views.topics.TopicsViewModel(topicTree, tasks, clock);
        topicsView = new io.edgedeck.views.topics.TopicsView(topicsVm,
                text -> notify(new RelayNotice(RelayNotice.Level.INFO, "Topic mapped", text)));
        addTab(Screen.TOPICS, topicsView);
        tabByScreen.get(Screen.TOPICS).textProperty().bind(topicsVm.titleProperty());
        addTab(Screen.QUARANTINE, quarantineView);
        addTab(Screen.FLASH, flashView);
        addTab(Screen.OPERATORS, operatorsVm == null ? placeholder(SessionViewModel.NOT_AVAILABLE)
                : new OperatorsView(operatorsVm));
        addTab(Screen.AUDIT, new AuditView(auditVm));
        addTab(Screen.ALARMS, alarmsVm.available() ? new AlarmsView(alarmsVm, fleet::find) : placeholder(AlarmsViewModel.NOT_AVAILABLE));
        alarmBadge(tabByScreen.get(Screen.ALARMS));
        var energyReports = new EnergyReports(store.readings(), store.devices(), clock, ZoneId.systemDefault());
        energyVm = new EnergyViewModel(energyReports::summary, tariffs, tasks);
        addTab(Screen.ENERGY, new EnergyView(energyVm, ZoneId.systemDefault(), fleet::find));
        tabByScreen.get(Screen.QUARANTINE).textProperty().bind(quarantineVm.countProperty().asString("Quarantine (%,d)"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("main-tabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            Screen s = (Screen) b.getUserData();
            main.screenProperty().set(s);
            if (s == Screen.QUARANTINE) {
                quarantineVm.refresh();
            } else if (s == Screen.HISTORY) {
                historyVm.showDefaultDevice();
            } else if (s == Screen.FLASH) {
                flashVm.refreshPorts();
                Platform.runLater(flashView::focusPort); // Ctrl+Enter and Esc act on the focused screen
            } else if (s == Screen.ENERGY) {
                energyVm.refresh();
            } else if (s == Screen.AUDIT) {
                auditVm.refresh();
            } else if (s == Screen.ALARMS) {
                alarmsVm.refresh();
            } else if (s == Screen.OPERATORS && operatorsVm != null) {
                operatorsVm.refresh();
            }
        });
        main.screenProperty().addListener((o, a, b) -> tabs.getSelectionModel().select(tabByScreen.get(b)));
        statusVm.quarantinedProperty().addListener((o, a, b) -> quarantineVm.refresh());

        root.getStyleClass().add("edgedeck-root");
        appearance.themeProperty().addListener((o, a, b) -> applyAppearance());
        appearance.zoomPercentProperty().addListener((o, a, b) -> applyAppearance());
        applyAppearance();
        var windowEvents = new WindowEvents(events);
        windowEvents.watch(feed, flashVm, auditVm);
        windowEvents.watchHistoryExports(historyVm.exportMessageProperty());
        // a failed export (History's CSV/PNG/PDF, the audit CSV) pops up with Details; the event log has it already
        historyVm.exportMessageProperty().addListener((o, a, b) -> exportFailed(b));
        auditVm.messageProperty().addListener((o, a, b) -> exportFailed(b));
        root.setCenter(tabs);
        statusBar = new StatusBarView(statusVm, () -> main.screenProperty().set(Screen.QUARANTINE));
        statusBar.getChildren().addAll(new Separator(Orientation.VERTICAL), alarmsLink(),
                new Separator(Orientation.VERTICAL), sessionLink());
        root.setBottom(statusBar);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

        pulse = new Timeline(new KeyFrame(Duration.millis(PULSE_MILLIS), e -> onPulse()));
        pulse.setCycleCount(Animation.INDEFINITE);

        dashboardVm.setLoading(true);
        fleet.loadInitial(store, tasks, () -> dashboardVm.setLoading(false));
        quarantineVm.refresh();
        alarmsVm.refresh();
        statusVm.tick();
        pulse.play();
    }

    // ---- API for the app

    /** The window content; it carries the EdgeDeck stylesheet. */
    public Parent root() {
        return root;
    }

    /** Stops the UI pulse and ignores further feed events. Does not close the store or the feed. */
    public void close() {
        pulse.stop();
        if (eventsWindow != null) {
            eventsWindow.hide();
        }
        if (connectionsWindow != null) {
            connectionsWindow.hide();
        }
        fleet.close();
    }

    /** Puts the menu bar above the tabs. */
    public void setMenuBar(Node menuBar) {
        root.setTop(menuBar);
    }

    /** Which screen shows; set it to switch tabs. */
    public javafx.beans.property.ObjectProperty<Screen> screenProperty() {
        return main.screenProperty();
    }

    public AppearanceViewModel appearance() {
        return appearance;
    }

    public EventLog events() {
        return events;
    }

    /** Starts the Audit screen's CSV export (File → Export); the Audit screen says why when it cannot. */
    public void exportAuditLog() {
        main.screenProperty().set(Screen.AUDIT);
        if (root.lookup("#audit-export") instanceof Button export && !export.isDisabled()) {
            export.fire();
        }
    }

    /** Opens (or brings forward) the event log window; {@code expandNewest} opens the newest entry's details. */
    public void openEventLog(boolean expandNewest) {
        if (eventsWindow == null) {
            eventsView = new EventsView(events, ZoneId.systemDefault());
            var content = new BorderPane(eventsView);
            content.getStyleClass().add("edgedeck-root");
            Bindings.bindContent(content.getStylesheets(), root.getStylesheets());
            content.styleProperty().bind(root.styleProperty());
            eventsWindow = new Stage();
            eventsWindow.setTitle("Event log — EdgeDeck");
            if (root.getScene() != null && root.getScene().getWindow() != null) {
                eventsWindow.initOwner(root.getScene().getWindow());
            }
            eventsWindow.setScene(new Scene(content, 960, 520));
            eventsWindow.getScene().getAccelerators().put(KeyboardShortcuts.EVENTS, eventsWindow::hide);
        }
        eventsWindow.show();
        eventsWindow.toFront();
        if (expandNewest) {
            eventsView.expandNewest();
        }
    }

    /**
     * What a click on the status bar's connection and Ctrl+Shift+B do: the app opens its connection dialog (a menu item can
     * call {@link #openConnections()} too).
     */
    public void setOnOpenConnections(Runnable action) {
        openConnections = Objects.requireNonNull(action, "action");
        statusBar.onConnectionClicked(action, "Connection profiles (" + CONNECTIONS.getDisplayText() + ")");
    }

    /**
     * What the status bar's Cancel beside "Connecting to …" does (the console stops trying); called on the FX thread,
     * must not block.
     */
    public void setOnCancelConnecting(Runnable action) {
        statusVm.setOnCancelConnecting(Objects.requireNonNull(action, "action"));
    }

    public void openConnections() {
        openConnections.run();
    }

    /**
     * The console's live connections: a chip per connection in the status bar (a click opens its log), the Broker
     * column of Devices, and a notification, an event-log warning and a Devices icon for each drop warning. FX thread.
     */
    public void setConnections(LiveConnections live, DeviceOrigins deviceOrigins) {
        connectionsVm = new ConnectionsViewModel(Objects.requireNonNull(live, "live"));
        dropWatcher = new DropWarningWatcher(live);
        origins = Objects.requireNonNull(deviceOrigins, "deviceOrigins");
        statusBar.showChips(connectionsVm.connections(), this::openConnectionLog);
        connectionsVm.refresh();
    }

    /**
     * A warning about the link as a notification (no dialog to dismiss) that is kept in the event log under
     * {@code source}: e.g. a broker connected as well that cannot be reached. FX thread.
     */
    public void warn(String source, String title, String text) {
        notify(new RelayNotice(RelayNotice.Level.WARNING, title, text), false, source);
    }

    /** Opens (or brings forward) the connections window with {@code name}'s log (null: the primary connection's). */
    public void openConnectionLog(String name) {
        if (connectionsVm == null) {
            return;
        }
        if (connectionsWindow == null) {
            connectionsView = new ConnectionsView(connectionsVm);
            var content = new BorderPane(connectionsView);
            content.getStyleClass().add("edgedeck-root");
            Bindings.bindContent(content.getStylesheets(), root.getStylesheets());
            content.styleProperty().bind(root.styleProperty());
            connectionsWindow = new Stage();
            connectionsWindow.setTitle("Connections — EdgeDeck");
            if (root.getScene() != null && root.getScene().getWindow() != null) {
                connectionsWindow.initOwner(root.getScene().getWindow());
            }
            connectionsWindow.setScene(new Scene(content, 1180, 480));
            connectionsWindow.getScene().getAccelerators().put(
                    new KeyCodeCombination(KeyCode.ESCAPE), connectionsWindow::hide);
        }
        connectionsVm.refresh();
        if (name != null) {
            connectionsView.select(name);
        }
        connectionsWindow.show();
        connectionsWindow.toFront();
    }

    /** Reads the connections, marks each device with its broker and tells new drop warnings once. */
    private void watchConnections() {
        if (connectionsVm == null) {
            return;
        }
        connectionsVm.refresh();
        for (DropWarningWatcher.Incident i : dropWatcher.newIncidents()) {
            String device = i.warning().deviceId();
            if (!device.isEmpty()) {
                dropWarnings.put(device, i.warning().message());
                devicesApplied = -1;
            }
            notify(new RelayNotice(RelayNotice.Level.WARNING, "Readings dropped by the broker (" + i.connection() + ")",
                    i.warning().message() + "\n\n" + io.edgedeck.views.devices.DevicesView.DROP_HINT), false, "Broker");
        }
        if (origins.version() != originsApplied || fleet.devices().size() != devicesApplied) {
            originsApplied = origins.version();
            devicesApplied = fleet.devices().size();
            for (var d : fleet.devices()) {
                d.setOrigin(origins.origin(d.id()).orElse(null)); // remembered across restarts; "was NAME" when gone
                String warning = dropWarnings.get(d.id());
                if (warning != null) d.markDropWarning(warning);
            }
        }
    }

    /**
     * The console switched to another connection: the dashboard's fleet is cleared and reloaded from the store, the
     * status bar names the new broker, the demo banner shows only for the demo fleet. FX thread.
     */
    public void showConnection(ConsoleInfo info) {
        fleet.clear();
        dashboardVm.setDemoFleet(info.demoFleet());
        statusVm.setInfo(info);
        dashboardVm.setLoading(true);
        fleet.loadInitial(store, tasks, () -> dashboardVm.setLoading(false));
    }

    /**
     * Readings were written to the store outside the live feed (the demo fleet's history): the devices take their first
     * seen from the registry again (only ever earlier), without clearing anything. FX thread.
     */
    public void storeWrittenBehindTheFeed() {
        fleet.loadInitial(store, tasks, () -> { });
    }

    /** Opens the sign-in dialog (Ctrl+L); {@code afterSignIn} runs once someone signed in. */
    public void openSignIn(Runnable afterSignIn) {
        if (!session.available()) {
            notify(new RelayNotice(RelayNotice.Level.WARNING, "Sign in", SessionViewModel.NOT_AVAILABLE + "."));
            return;
        }
        if (signInDialog != null && signInDialog.isShowing()) {
            return;
        }
        var vm = new SignInViewModel(services.session(), tasks);
        signInDialog = new SignInDialog(vm, root.getScene() == null ? null : root.getScene().getWindow());
        var pending = new java.util.concurrent.atomic.AtomicReference<>(afterSignIn);
        signInDialog.setOnHidden(e -> { // a Dialog may report "hidden" twice: go on once
            Runnable then = pending.getAndSet(null);
            if (vm.doneProperty().get() && then != null) {
                then.run();
            }
        });
        vm.load();
        signInDialog.show();
    }

    /** Shows the Flash tab with this firmware image loaded and checked (a .bin opened with EdgeDeck). */
    public void openFlashImage(java.nio.file.Path image) {
        main.screenProperty().set(Screen.FLASH);
        flashVm.load(image);
    }

    /**
     * The Topics screen's tree: the app adds a root per broker connection
     * ({@link io.edgedeck.services.topics.TopicTree#addSource}).
     */
    public io.edgedeck.services.topics.TopicTree topicTree() {
        return topicTree;
    }

    /** The Topics tab's "Show broker $SYS topics": the app subscribes its taps to {@code $SYS/#} while it is on. */
    public javafx.beans.property.BooleanProperty topicsShowSysProperty() {
        return topicsVm.showSysProperty();
    }

    /** Why a connection's {@code $SYS} topics do not show, for the Topics tab ("" clears it). FX thread. */
    public void setTopicsSysNote(String connection, String note) {
        topicsVm.setSysNote(connection, note);
    }

    /** Where "Map this topic to a device…" saves its rule and how it is applied (the app's connection). */
    public void setTopicMapper(io.edgedeck.views.topics.TopicMapper mapper) {
        topicsVm.setMapper(mapper);
    }

    // ---- Package-private for tests

    io.edgedeck.views.topics.TopicsViewModel topicsViewModel() {
        return topicsVm;
    }

    io.edgedeck.views.topics.TopicsView topicsView() {
        return topicsView;
    }

    SessionViewModel sessionViewModel() {
        return session;
    }

    RelayControlViewModel relayControl() {
        return relays;
    }

    /** The devices the dashboard knows (FX thread). */
    java.util.List<io.edgedeck.views.fleet.DeviceModel> dashboardDevices() {
        return fleet.devices();
    }

    AuditViewModel auditViewModel() {
        return auditVm;
    }

    /** Every notification shown, oldest first. */
    ObservableList<RelayNotice> notices() {
        return notices;
    }

    AlarmsViewModel alarmsViewModel() {
        return alarmsVm;
    }

    MainViewModel mainViewModel() {
        return main;
    }

    io.edgedeck.views.history.HistoryViewModel historyViewModel() {
        return historyVm;
    }

    EnergyViewModel energyViewModel() {
        return energyVm;
    }

    FlashViewModel flashViewModel() {
        return flashVm;
    }

    /** The theme's stylesheet after edgedeck.css, the zoomed root font size, and the tiles and chart in step. */
    private void applyAppearance() {
        Theme theme = appearance.theme();
        root.getStylesheets().setAll(
                Objects.requireNonNull(MainWindow.class.getResource("edgedeck.css"), "edgedeck.css missing")
                        .toExternalForm(),
                theme.stylesheet());
        root.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", appearance.fontSizePx()));
        double scale = appearance.zoomPercentProperty().get() / 100.0;
        dashboardView.applyTheme(theme);
        dashboardView.scaleTiles(scale);
        historyView.applyTheme(theme, scale);
    }

    private void addTab(Screen screen, Node content) {
        var tab = new Tab(screen.title(), content);
        tab.setUserData(screen);
        tab.setId("tab-" + screen.name().toLowerCase());
        tab.setTooltip(new Tooltip(screen.title() + " (" + screen.shortcut().getDisplayText() + ")"));
        tabByScreen.put(screen, tab);
        tabs.getTabs().add(tab);
    }

    /** The tab's red badge with the number of unacknowledged alarms; hidden at 0. */
    private void alarmBadge(Tab tab) {
        var badge = new Label();
        badge.setId("alarms-badge");
        badge.getStyleClass().add("alarm-badge");
        badge.textProperty().bind(alarmsVm.unacknowledgedProperty().asString());
        badge.visibleProperty().bind(alarmsVm.unacknowledgedProperty().greaterThan(0));
        badge.managedProperty().bind(badge.visibleProperty());
        var title = new Label(Screen.ALARMS.title());
        title.setId("alarms-tab-title");
        var graphic = new javafx.scene.layout.HBox(5, title, badge);
        graphic.setAlignment(Pos.CENTER_LEFT);
        tab.setText("");
        tab.setGraphic(graphic);
    }

    /** "⚠ 2 unacknowledged alarms" in red, shown only when there are; a click opens the Alarms tab. */
    private Hyperlink alarmsLink() {
        var link = new Hyperlink();
        link.setId("status-alarms");
        link.getStyleClass().addAll("status-link", "status-alarms");
        link.textProperty().bind(alarmsVm.statusTextProperty());
        link.visibleProperty().bind(alarmsVm.unacknowledgedProperty().greaterThan(0));
        link.managedProperty().bind(link.visibleProperty());
        link.setTooltip(new Tooltip("Show the alarms (" + Screen.ALARMS.shortcut().getDisplayText() + "); acknowledge with "
                + ACKNOWLEDGE.getDisplayText()));
        link.setOnAction(e -> {
            link.setVisited(false);
            main.screenProperty().set(Screen.ALARMS);
        });
        return link;
    }

    private Hyperlink sessionLink() {
        var link = new Hyperlink();
        link.setId("status-session");
        link.getStyleClass().add("status-link");
        link.textProperty().bind(session.statusTextProperty());
        link.setMinWidth(Region.USE_PREF_SIZE);
        link.setTooltip(new Tooltip("Sign in or out (" + SIGN_IN.getDisplayText() + ")"));
        link.setOnAction(e -> {
            link.setVisited(false);
            if (session.isSignedIn()) {
                session.signOut();
            } else {
                openSignIn(null);
            }
        });
        return link;
    }

    private RelaySender relaySender() {
        if (services == null) {
            return RelaySender.refusing(SessionViewModel.NOT_AVAILABLE);
        }
        return (device, command) -> services.session().current()
                .map(who -> services.relays().send(who, device, command))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("sign in to send commands")));
    }

    /** Shows a notification and keeps it in the event log; an error gets a "Details" action opening the log. */
    void notify(RelayNotice n) {
        notify(n, true);
    }

    /**
     * @param details whether an error gets the "Details" button. Alarms do not: the Alarms tab is their details, and a
     *                pop-up with a button takes the keyboard, so Ctrl+K would no longer reach the window.
     */
    private void notify(RelayNotice n, boolean details) {
        notify(n, details, "Commands");
    }

    /** @param source the event log's source column ("Commands", "Broker") */
    private void notify(RelayNotice n, boolean details, String source) {
        notices.add(n);
        events.publish(switch (n.level()) {
            case INFO -> LoggedEvent.Severity.INFO;
            case WARNING -> LoggedEvent.Severity.WARNING;
            case ERROR -> LoggedEvent.Severity.ERROR;
        }, source, n.title(), n.text());
        popup(n, details);
    }

    /** The pop-up alone, for what the event log already has (WindowEvents logs exports). */
    private void popup(RelayNotice n, boolean details) {
        var popup = Notifications.create().title(n.title()).text(n.text()).owner(root).position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(n.level() == RelayNotice.Level.INFO ? 4 : 8));
        if (details && n.level() == RelayNotice.Level.ERROR) {
            popup.action(new Action("Details", e -> openEventLog(true)));
        }
        if (root.getScene() == null || root.getScene().getWindow() == null) {
            return; // nothing to show it on (yet)
        }
        switch (n.level()) {
            case INFO -> popup.showInformation();
            case WARNING -> popup.showWarning();
            case ERROR -> popup.showError();
        }
    }

    private void exportFailed(String message) {
        if (message != null && (message.startsWith("Could not save") || message.startsWith("Could not export"))) {
            popup(new RelayNotice(RelayNotice.Level.ERROR, "Export failed", message), true);
        }
    }

    /** One notification per alarm, or one for the lot when more than three came at once. */
    private void notifyAlarms(java.util.List<io.edgedeck.db.Alarm> raised) {
        if (raised.size() <= 3) {
            raised.forEach(a -> notify(new RelayNotice(RelayNotice.Level.ERROR, "Alarm: " + a.ruleName(), a.message()), false));
            return;
        }
        String first = raised.stream().limit(3).map(io.edgedeck.db.Alarm::message)
                .collect(java.util.stream.Collectors.joining("\n"));
        notify(new RelayNotice(RelayNotice.Level.ERROR, raised.size() + " alarms raised",
                first + "\n… and " + (raised.size() - 3) + " more (Alarms tab, " + Screen.ALARMS.shortcut().getDisplayText() + ")"),
                false);
    }

    private static Node placeholder(String text) {
        var l = new Label(text);
        l.getStyleClass().add("placeholder");
        return new StackPane(l);
    }

    /** Sign-in and confirmation for the relay controls, as dialogs over this window. */
    private final class WindowInteraction implements RelayInteraction {
        @Override
        public void signIn(Runnable afterSignIn) {
            openSignIn(afterSignIn);
        }

        @Override
        public boolean confirm(String title, String question) {
            var alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
            alert.setTitle("EdgeDeck");
            alert.setHeaderText(title);
            alert.getDialogPane().setId("relay-confirm");
            ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setText("Switch off");
            if (root.getScene() != null && root.getScene().getWindow() != null) {
                alert.initOwner(root.getScene().getWindow());
            }
            return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        }
    }

    private void onPulse() {
        fleet.pulse();
        topicsVm.onPulse();
        dashboardVm.onPulse();
        relays.onPulse();
        if (++pulses % PULSES_PER_TICK == 0) {
            statusVm.tick();
            watchConnections();
            if (main.screenProperty().get() == Screen.HISTORY) {
                historyVm.onTick();
            } else if (main.screenProperty().get() == Screen.FLASH && pulses % (2 * PULSES_PER_TICK) == 0) {
                flashVm.refreshPorts(); // plug and unplug show up without a restart
            }
        }
    }

    private void onKey(KeyEvent e) {
        for (Screen s : Screen.values()) {
            if (s.shortcut().match(e)) {
                main.screenProperty().set(s);
                e.consume();
                return;
            }
        }
        if (CONNECTIONS.match(e)) {
            openConnections.run();
            e.consume();
            return;
        }
        if (SIGN_IN.match(e)) {
            openSignIn(null);
            e.consume();
            return;
        }
        if (ACKNOWLEDGE.match(e)) {
            main.screenProperty().set(Screen.ALARMS);
            alarmsVm.acknowledge();
            e.consume();
            return;
        }
        if (FIND.match(e)) {
            Screen s = main.screenProperty().get();
            if (s == Screen.DEVICES) {
                devicesView.focusFilter();
            } else if (s == Screen.TOPICS) {
                topicsView.focusFilter();
            } else if (s == Screen.HISTORY) {
                historyView.focusDevice();
            } else {
                main.screenProperty().set(Screen.DASHBOARD);
                dashboardView.focusFilter();
            }
            e.consume();
        }
    }
}
