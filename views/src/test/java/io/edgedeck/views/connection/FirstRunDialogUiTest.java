package io.edgedeck.views.connection;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The first start's one question, answered with a click. */
@ExtendWith(ApplicationExtension.class)
class FirstRunDialogUiTest {
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("console")), 800, 600));
        stage.show();
    }

    AtomicReference<FirstRunChoice> ask() throws Exception {
        var answer = new AtomicReference<FirstRunChoice>();
        WaitForAsyncUtils.asyncFx(() -> {
            var dialog = new FirstRunDialog(stage);
            dialog.setOnHidden(e -> answer.set(dialog.getResult()));
            dialog.show();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }

    @Test
    void connectToMyBroker(FxRobot robot) throws Exception {
        var answer = ask();
        assertThat(robot.lookup("#first-run-dialog").tryQuery()).isPresent();
        robot.clickOn("Connect to my broker");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(answer.get()).isEqualTo(FirstRunChoice.MY_BROKER);
        assertThat(robot.lookup("#first-run-dialog").tryQuery()).isEmpty();
    }

    @Test
    void watchTheDemoFleet(FxRobot robot) throws Exception {
        var answer = ask();
        robot.clickOn("#first-run-demo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(answer.get()).isEqualTo(FirstRunChoice.DEMO);
    }
}
