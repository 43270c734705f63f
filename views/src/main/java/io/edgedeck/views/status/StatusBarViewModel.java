package io.edgedeck.views.status;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LiveFeed;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.common.Formats;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The status bar: link state, message rate, rows stored, quarantined count, database location. {@link #tick()} is
 * called about once a second; it reads the feed's counters and the store's counts in the background.
 */
public final class StatusBarViewModel {
    private final LiveFeed feed;
    private final LongSupplier rowsStored;
    private final LongSupplier quarantinedStored;
    private final Tasks tasks;
    private final Clock clock;
    private ConsoleInfo info;
    private final AtomicBoolean inFlight = new AtomicBoolean();

    private final ReadOnlyObjectWrapper<LinkState> linkState = new ReadOnlyObjectWrapper<>(this, "linkState", LinkState.DISCONNECTED);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper(this, "connectionText", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "– msg/s");
    private final ReadOnlyStringWrapper rowsText = new ReadOnlyStringWrapper(this, "rowsText", "– rows stored");
    private final ReadOnlyLongWrapper quarantined = new ReadOnlyLongWrapper(this, "quarantined");
    private final ReadOnlyStringWrapper quarantinedText = new ReadOnlyStringWrapper(this, "quarantinedText", "0 quarantined");
    private final ReadOnlyStringWrapper databaseText = new ReadOnlyStringWrapper(this, "databaseText", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable");
    private Runnable cancelConnecting;
    private boolean stoppedTrying;

    private long previousMessages = -1;
    private long previousMillis;

    public StatusBarViewModel(LiveFeed feed, LocalStore store, ConsoleInfo info, Tasks tasks, Clock clock) {
        this(feed, () -> store.readings().count(), () -> store.quarantine().count(), info, tasks, clock);
    }

    /** With the two counts as suppliers (tests). */
    public StatusBarViewModel(LiveFeed feed, LongSupplier rowsStored, LongSupplier quarantinedStored, ConsoleInfo info,
                              Tasks tasks, Clock clock) {
        this.feed = feed;
        this.rowsStored = rowsStored;
        this.quarantinedStored = quarantinedStored;
        this.tasks = tasks;
        this.clock = clock;
        this.info = info;
        databaseText.set("DB: " + info.databaseLocation());
        showState(LinkState.DISCONNECTED);
        feed.addStateListener(s -> tasks.fx().execute(() -> showState(s)));
    }

    // ---- Properties

    public ReadOnlyObjectProperty<LinkState> linkStateProperty() {
        return linkState.getReadOnlyProperty();
    }

    /** "Connected · built-in broker localhost:1883". */
    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    /** "1,234 msg/s". */
    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rowsTextProperty() {
        return rowsText.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty quarantinedProperty() {
        return quarantined.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty quarantinedTextProperty() {
        return quarantinedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseTextProperty() {
        return databaseText.getReadOnlyProperty();
    }

    /**
     * Whether the status bar offers Cancel: the console is trying to reach a broker (not connected yet, or lost) and
     * the user has not stopped it.
     */
    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    /** Empty, or why the counters could not be read. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    // ---- Commands

    /** What Cancel does while connecting (the console stops trying; runs on the FX thread, must not block). */
    public void setOnCancelConnecting(Runnable action) {
        cancelConnecting = action;
        showState(linkState.get());
    }

    /** Stops trying to reach the broker (Cancel beside "Connecting to …"). FX thread. */
    public void cancelConnecting() {
        if (!cancellable.get()) {
            return;
        }
        stoppedTrying = true;
        showState(linkState.get());
        cancelConnecting.run();
    }

    /** The console switched connections: shows the new broker (and profile) from now on. FX thread. */
    public void setInfo(ConsoleInfo newInfo) {
        info = newInfo;
        stoppedTrying = false;
        databaseText.set("DB: " + newInfo.databaseLocation());
        previousMessages = -1;
        showState(linkState.get());
    }

    /** Reads counters in the background and shows them; skipped while the previous read is still running. */
    public void tick() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        tasks.run("reading counters", () -> new Counters(feed.stats(), rowsStored.getAsLong(), quarantinedStored.getAsLong(), clock.millis()),
                c -> {
                    inFlight.set(false);
                    apply(c);
                },
                failure -> {
                    inFlight.set(false);
                    problem.set("Counters unavailable: " + Tasks.describe(failure));
                });
    }

    record Counters(IngestStats stats, long rows, long quarantined, long atMillis) {
    }

    void apply(Counters c) {
        problem.set("");
        IngestStats s = c.stats();
        if (s.state() != null && s.state() != linkState.get()) {
            showState(s.state());
        }
        if (previousMessages >= 0) {
            rateText.set(formatRate(messagesPerSecond(previousMessages, previousMillis, s.messages(), c.atMillis())));
        }
        previousMessages = s.messages();
        previousMillis = c.atMillis();
        rowsText.set(Formats.count(c.rows()) + " rows stored");
        quarantined.set(c.quarantined());
        quarantinedText.set(Formats.count(c.quarantined()) + " quarantined");
    }

    /** Messages per second between two counter readings; 0 when no time passed or the counter went back (restart). */
    public static double messagesPerSecond(long previousCount, long previousMillis, long count, long millis) {
        long dt = millis - previousMillis;
        long dn = count - previousCount;
        if (dt <= 0 || dn < 0) {
            return 0;
        }
        return dn * 1000.0 / dt;
    }

    static String formatRate(double perSecond) {
        return perSecond < 10 && perSecond > 0
                ? String.format(Locale.ROOT, "%.1f msg/s", perSecond)
                : String.format(Locale.ROOT, "%,d msg/s", Math.round(perSecond));
    }

    private void showState(LinkState s) {
        linkState.set(s);
        if (s == LinkState.CONNECTED) {
            stoppedTrying = false; // connected after all (the link was already up when Cancel was pressed)
        }
        cancellable.set(cancelConnecting != null && !stoppedTrying && s != LinkState.CONNECTED);
        connectionText.set(switch (s) {
            case CONNECTED -> "Connected · " + info.brokerDescription();
            case CONNECTING -> "Connecting to " + info.brokerDescription() + "…";
            case RECONNECTING -> "Reconnecting to " + info.brokerDescription() + "…";
            case DISCONNECTED -> (stoppedTrying ? "Not connected (stopped) · " : "Disconnected · ") + info.brokerDescription();
        });
    }
}
