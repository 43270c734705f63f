package io.edgedeck.views.connection;

import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.services.profiles.BrokerPreset;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.ConnectionTester;
import io.edgedeck.services.profiles.KeyVaults;
import io.edgedeck.services.profiles.ProfileStore;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.testing.Fx;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialog in a window: a wrong field keeps it open with its message; Test connection reaches a real broker. */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogUiTest {
    @TempDir
    Path dir;
    Stage stage;
    ExecutorService background = Executors.newSingleThreadExecutor();
    List<ConnectionProfile> connected = new CopyOnWriteArrayList<>();
    ConnectionDialog dialog;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("console")), 800, 600));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    void open() throws Exception {
        var store = new ProfileStore(dir, KeyVaults.fileOnly(dir));
        var vm = new ConnectionViewModel(store, new ConnectionTester("console-ui-test", Duration.ofSeconds(5)),
                connected::add, new Tasks(background, Platform::runLater));
        WaitForAsyncUtils.asyncFx(() -> {
            dialog = new ConnectionDialog(vm, stage);
            vm.load(null);
            dialog.show();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aNewProfileIsValidatedTestedAndConnected(FxRobot robot) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            open();
            robot.clickOn("#connection-new");
            robot.interact(() -> robot.lookup("#connection-host").queryAs(TextField.class).setText("tcp://oops"));
            robot.clickOn(robot.lookup(".button").match(b -> "Connect".equals(((Button) b).getText())).queryButton());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#error-host").queryAs(Label.class).getText()).contains("Only the host name");
            assertThat(dialog.isShowing()).isTrue();
            assertThat(connected).isEmpty();

            robot.interact(() -> {
                robot.lookup("#connection-host").queryAs(TextField.class).setText("127.0.0.1");
                robot.lookup("#connection-port").queryAs(TextField.class).setText(Integer.toString(broker.port()));
            });
            robot.clickOn("#connection-test");
            Fx.waitUntil(15, () -> robot.lookup("#connection-test-result").queryAs(Label.class).getText().startsWith("Connected"));
            robot.clickOn(robot.lookup(".button").match(b -> "Connect".equals(((Button) b).getText())).queryButton());
            Fx.waitUntil(5, () -> !dialog.isShowing());
            assertThat(connected).singleElement().extracting(ConnectionProfile::port).isEqualTo(broker.port());
        }
    }

    @Test
    void aPresetFillsTheFields(FxRobot robot) throws Exception {
        open();
        robot.clickOn("#connection-new");
        robot.interact(() -> ((javafx.scene.control.ComboBox<BrokerPreset>) robot.lookup("#connection-preset").query())
                .setValue(BrokerPreset.AWS_IOT_CORE));
        assertThat(robot.lookup("#connection-port").queryAs(TextField.class).getText()).isEqualTo("8883");
        assertThat(robot.lookup("#connection-tls").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isTrue();
    }
}
