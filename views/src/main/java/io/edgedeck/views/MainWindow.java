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
import io.edgedeck.views.history.HistoryView;
import io.edgedeck.views.history.HistoryViewModel;
import io.edgedeck.views.quarantine.QuarantineView;
import io.edgedeck.views.quarantine.QuarantineViewModel;
import io.edgedeck.views.status.StatusBarView;
import io.edgedeck.views.status.StatusBarViewModel;
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

import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * EdgeDeck's main window content: Dashboard, History, Devices, Quarantine and Flash tabs over a status bar.
 * <p>
 * Create it on the FX thread; put {@link #root()} into a Scene (it carries its own stylesheet) and call
 * {@link #close()} when the window closes. It does not own the store, the feed or the executor.
 * <p>
 * Live data: the feed's commits are coalesced per device and applied by one UI pulse every {@link #PULSE_MILLIS} ms;
 * counters are read once a second. Database reads run on {@code background}.
 */
public final class MainWindow {
    static final int PULSE_MILLIS = 200;
    private static final int PULSES_PER_TICK = 1000 / PULSE_MILLIS;
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

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
    private int pulses;

    /** Flashes through the system's serial ports ({@link FlashBackend#system()}). */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background) {
        this(store, feed, info, background, FlashBackend.system());
    }

    /** @param flashing the flasher, port lister and flash thread of the Flash screen */
    public MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Executor background, FlashBackend flashing) {
        this(store, feed, info, new Tasks(background, Platform::runLater), Clock.systemDefaultZone(), flashing);
    }

    MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Tasks tasks, Clock clock) {
        this(store, feed, info, tasks, clock, FlashBackend.system());
    }

    MainWindow(LocalStore store, LiveFeed feed, ConsoleInfo info, Tasks tasks, Clock clock, FlashBackend flashing) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(info, "info");
        fleet = new FleetModel(clock);
        feed.addListener(fleet);

        historyVm = new HistoryViewModel(fleet,
                q -> store.readings().series(q.deviceId(), q.metric(), q.from(), q.to(), q.maxPoints()),
                tasks, clock, ZoneId.systemDefault());
        main = new MainViewModel(historyVm::showDevice);
        dashboardVm = new DashboardViewModel(fleet, info, clock, main::openHistory);
        var devicesVm = new DevicesViewModel(fleet, main::openHistory);
        quarantineVm = new QuarantineViewModel(store.quarantine(), tasks);
        statusVm = new StatusBarViewModel(feed, store, info, tasks, clock);

        dashboardView = new DashboardView(dashboardVm);
        historyView = new HistoryView(historyVm);
        devicesView = new DevicesView(devicesVm);
        var quarantineView = new QuarantineView(quarantineVm);
        Objects.requireNonNull(flashing, "flashing");
        flashVm = new FlashViewModel(flashing.boards(), flashing.ports(), tasks, flashing.flashThread(), clock);
        var flashView = new FlashView(flashVm);

        addTab(Screen.DASHBOARD, dashboardView);
        addTab(Screen.HISTORY, historyView);
        addTab(Screen.DEVICES, devicesView);
        addTab(Screen.QUARANTINE, quarantineView);
        addTab(Screen.FLASH, flashView);
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
            }
        });
        main.screenProperty().addListener((o, a, b) -> tabs.getSelectionModel().select(tabByScreen.get(b)));
        statusVm.quarantinedProperty().addListener((o, a, b) -> quarantineVm.refresh());

        root.getStyleClass().add("edgedeck-root");
        root.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource("edgedeck.css"),
                "edgedeck.css missing").toExternalForm());
        root.setCenter(tabs);
        root.setBottom(new StatusBarView(statusVm, () -> main.screenProperty().set(Screen.QUARANTINE)));
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

        pulse = new Timeline(new KeyFrame(Duration.millis(PULSE_MILLIS), e -> onPulse()));
        pulse.setCycleCount(Animation.INDEFINITE);

        dashboardVm.setLoading(true);
        fleet.loadInitial(store, tasks, () -> dashboardVm.setLoading(false));
        quarantineVm.refresh();
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
        fleet.close();
    }

    /** Shows the Flash tab with this firmware image loaded and checked (a .bin opened with EdgeDeck). */
    public void openFlashImage(java.nio.file.Path image) {
        main.screenProperty().set(Screen.FLASH);
        flashVm.load(image);
    }

    // ---- Package-private for tests

    MainViewModel mainViewModel() {
        return main;
    }

    FlashViewModel flashViewModel() {
        return flashVm;
    }

    private void addTab(Screen screen, Node content) {
        var tab = new Tab(screen.title(), content);
        tab.setUserData(screen);
        tab.setId("tab-" + screen.name().toLowerCase());
        tab.setTooltip(new Tooltip(screen.title() + " (" + screen.shortcut().getDisplayText() + ")"));
        tabByScreen.put(screen, tab);
        tabs.getTabs().add(tab);
    }

    private void onPulse() {
        fleet.pulse();
        dashboardVm.onPulse();
        if (++pulses % PULSES_PER_TICK == 0) {
            statusVm.tick();
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
        if (FIND.match(e)) {
            Screen s = main.screenProperty().get();
            if (s == Screen.DEVICES) {
                devicesView.focusFilter();
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
