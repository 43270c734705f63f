package io.edgedeck.views;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.views.events.EventLog;
import io.edgedeck.views.events.LoggedEvent;
import io.edgedeck.views.flash.FlashBackend;
import io.edgedeck.views.relay.RelayNotice;
import io.edgedeck.views.testing.Fx;
import io.edgedeck.views.theme.AppearanceViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications and link changes reach the event log; the Events window shows them with their details. */
@ExtendWith(ApplicationExtension.class)
class EventLogUiTest {
    LocalStore store;
    TestLiveFeed feed;
    ExecutorService background;
    MainWindow window;
    EventLog events;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        store = LocalStore.inMemory();
        feed = new TestLiveFeed(store);
        background = Executors.newFixedThreadPool(2);
        events = new EventLog(Platform::runLater, Clock.systemUTC());
        window = new MainWindow(store, feed, new ConsoleInfo("test broker", true, store.location()), background,
                FlashBackend.system(), null, AppearanceViewModel.fixedDark(), events);
        stage.setScene(new Scene(window.root(), 1366, 768));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide);
        }).get();
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    @Test
    void anErrorNotificationIsLoggedAndItsDetailsOpenInTheEventsWindow(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.notify(new RelayNotice(RelayNotice.Level.ERROR,
                "plug-03 did not answer", "No answer from plug-03 within 10 s. Is it online?"))).get();
        Fx.waitUntil(5, () -> events.events().stream().anyMatch(e -> e.severity() == LoggedEvent.Severity.ERROR));
        LoggedEvent logged = events.events().getLast();
        assertThat(logged.source()).isEqualTo("Commands");
        assertThat(logged.message()).isEqualTo("plug-03 did not answer");
        assertThat(logged.details()).contains("within 10 s");

        // what the notification's "Details" does
        WaitForAsyncUtils.asyncFx(() -> window.openEventLog(true)).get();
        Fx.waitUntil(5, () -> robot.lookup("#events-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<LoggedEvent> table = robot.lookup("#events-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        Fx.waitUntil(5, () -> robot.lookup(".event-details .text-area").tryQuery().isPresent());
        TextArea details = robot.lookup(".event-details .text-area").queryAs(TextArea.class);
        assertThat(details.getText()).contains("plug-03 did not answer").contains("Is it online?");
    }

    @Test
    void linkChangesAreLoggedOncePerChangeNewestFirst(FxRobot robot) throws Exception {
        feed.setState(LinkState.CONNECTING);
        feed.setState(LinkState.CONNECTED);
        feed.setState(LinkState.CONNECTED);
        feed.setState(LinkState.DISCONNECTED);
        Fx.waitUntil(5, () -> events.events().size() == 3);
        assertThat(events.events()).extracting(LoggedEvent::message)
                .containsExactly("Broker link connecting", "Broker link connected", "Broker link disconnected");
        assertThat(events.events().getLast().severity()).isEqualTo(LoggedEvent.Severity.WARNING);

        WaitForAsyncUtils.asyncFx(() -> window.openEventLog(false)).get();
        Fx.waitUntil(5, () -> robot.lookup("#events-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<LoggedEvent> table = robot.lookup("#events-table").queryAs(TableView.class);
        assertThat(table.getItems().getFirst().message()).isEqualTo("Broker link disconnected");
        robot.clickOn("#events-problems-only");
        Fx.waitUntil(5, () -> table.getItems().size() == 1);
    }
}
