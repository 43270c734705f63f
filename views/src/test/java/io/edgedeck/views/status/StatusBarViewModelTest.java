package io.edgedeck.views.status;

import io.edgedeck.link.mqtt.IngestListener;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LiveFeed;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.MutableClock;
import io.edgedeck.views.common.Tasks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatusBarViewModelTest {
    static final class CountingFeed implements LiveFeed {
        volatile IngestStats stats = new IngestStats(0, 0, 0, 0, 0, LinkState.CONNECTING);
        final List<Consumer<LinkState>> stateListeners = new ArrayList<>();

        @Override
        public void addListener(IngestListener listener) {
        }

        @Override
        public void addStateListener(Consumer<LinkState> listener) {
            stateListeners.add(listener);
        }

        @Override
        public IngestStats stats() {
            return stats;
        }
    }

    final MutableClock clock = new MutableClock(Instant.parse("2025-11-25T10:00:00Z"));
    final CountingFeed feed = new CountingFeed();
    long rows = 0;
    final StatusBarViewModel vm = new StatusBarViewModel(feed, () -> rows, () -> 3,
            new ConsoleInfo("built-in broker localhost:1883", true, "/data/edgedeck.mv.db"), Tasks.direct(), clock);

    @Test
    void messagesPerSecondIsTheCounterDeltaOverTime() {
        assertThat(StatusBarViewModel.messagesPerSecond(1000, 0, 1500, 1000)).isEqualTo(500.0);
        assertThat(StatusBarViewModel.messagesPerSecond(1000, 0, 1600, 2000)).isCloseTo(300.0, within(1e-9));
        assertThat(StatusBarViewModel.messagesPerSecond(1000, 5, 2000, 5)).isZero();
        assertThat(StatusBarViewModel.messagesPerSecond(1000, 0, 10, 1000)).as("counter restarted").isZero();
    }

    @Test
    void ticksShowRateRowsAndState() {
        vm.tick();
        assertThat(vm.rateTextProperty().get()).isEqualTo("– msg/s");
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Connecting to built-in broker localhost:1883…");

        feed.stats = new IngestStats(2_400, 2_300, 0, 3, 1, LinkState.CONNECTED);
        rows = 12_345;
        clock.advance(Duration.ofSeconds(2));
        vm.tick();

        assertThat(vm.rateTextProperty().get()).isEqualTo("1,200 msg/s");
        assertThat(vm.rowsTextProperty().get()).isEqualTo("12,345 rows stored");
        assertThat(vm.quarantinedProperty().get()).isEqualTo(3);
        assertThat(vm.linkStateProperty().get()).isEqualTo(LinkState.CONNECTED);
        assertThat(vm.connectionTextProperty().get()).startsWith("Connected");
        assertThat(vm.databaseTextProperty().get()).isEqualTo("DB: /data/edgedeck.mv.db");
    }

    @Test
    void stateListenerUpdatesTheDot() {
        feed.stateListeners.forEach(l -> l.accept(LinkState.RECONNECTING));
        assertThat(vm.linkStateProperty().get()).isEqualTo(LinkState.RECONNECTING);
    }

    @Test
    void aFailingCounterIsShownAsAProblem() {
        var broken = new StatusBarViewModel(feed, () -> {
            throw new IllegalStateException("database closed");
        }, () -> 0, new ConsoleInfo("b", false, "mem"), Tasks.direct(), clock);
        broken.tick();
        assertThat(broken.problemProperty().get()).isEqualTo("Counters unavailable: database closed");
    }

    @Test
    void connectingOffersCancelWhichStopsTryingUntilTheNextConnection() {
        List<String> cancelled = new ArrayList<>();
        assertThat(vm.cancellableProperty().get()).as("nothing to cancel with before the console says how").isFalse();
        vm.setOnCancelConnecting(() -> cancelled.add("stop"));
        feed.stateListeners.forEach(l -> l.accept(LinkState.CONNECTING));
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Connecting to built-in broker localhost:1883…");
        assertThat(vm.cancellableProperty().get()).isTrue();

        vm.cancelConnecting();
        assertThat(cancelled).containsExactly("stop");
        assertThat(vm.cancellableProperty().get()).isFalse();
        feed.stateListeners.forEach(l -> l.accept(LinkState.DISCONNECTED));
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Not connected (stopped) · built-in broker localhost:1883");
        vm.cancelConnecting();
        assertThat(cancelled).as("once is enough").hasSize(1);

        vm.setInfo(new ConsoleInfo("Plant B mqtt.plant-b:1883", false, "/data/edgedeck.mv.db"));
        feed.stateListeners.forEach(l -> l.accept(LinkState.CONNECTING));
        assertThat(vm.cancellableProperty().get()).as("a new connection can be cancelled again").isTrue();
        feed.stateListeners.forEach(l -> l.accept(LinkState.CONNECTED));
        assertThat(vm.cancellableProperty().get()).as("nothing to cancel once connected").isFalse();
        feed.stateListeners.forEach(l -> l.accept(LinkState.RECONNECTING));
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Reconnecting to Plant B mqtt.plant-b:1883…");
        assertThat(vm.cancellableProperty().get()).as("a lost link can be given up too").isTrue();
    }
}
