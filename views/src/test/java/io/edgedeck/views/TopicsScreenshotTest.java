package io.edgedeck.views;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.TopicTap;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.views.common.PngSnapshot;
import io.edgedeck.views.testing.Fx;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Topics tab on the demo fleet with its foreign devices (a Tasmota plug and three unknown publishers), an unknown
 * topic selected, rendered at 1366×768 into {@code DIR/topics.png}. Runs only with {@code -Dedgedeck.screenshots=DIR}.
 */
@ExtendWith(ApplicationExtension.class)
class TopicsScreenshotTest {
    static final String DIR = System.getProperty("edgedeck.screenshots");
    EmbeddedBroker broker;
    LocalStore store;
    IngestPipeline pipeline;
    TopicTap tap;
    FleetSimulator fleet;
    ExecutorService background;
    MainWindow window;
    Scene scene;

    @Start
    void start(Stage stage) {
        if (DIR == null) return;
        broker = EmbeddedBroker.start(0);
        store = LocalStore.inMemory();
        var settings = BrokerSettings.of(broker.uri(), "edgedeck-console-tech").withCleanStart(true);
        pipeline = new IngestPipeline(settings, TopicMapping.defaults(), store.writer());
        background = Executors.newFixedThreadPool(2);
        window = new MainWindow(store, pipeline, new ConsoleInfo("Demo fleet (built-in broker) — 127.0.0.1:"
                + broker.port(), true, store.location()), background);
        tap = new TopicTap(settings);
        window.topicTree().addSource("Demo fleet (built-in broker)", tap, TopicMapping.defaults());
        scene = new Scene(window.root(), 1366, 768);
        stage.setScene(scene);
        stage.show();
        pipeline.start(Duration.ofSeconds(10));
        tap.start(Duration.ofSeconds(10));
        fleet = new FleetSimulator(BrokerSettings.of(broker.uri(), "demo-fleet"), new SimulationConfig(12, 4, 1.0, 42),
                FleetSimulator.Timing.realistic().withoutDrops(), ZoneId.systemDefault()).withForeignDevices();
        fleet.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (window == null) return;
        WaitForAsyncUtils.asyncFx(window::close).get();
        fleet.close();
        tap.close();
        pipeline.close();
        background.shutdownNow();
        store.close();
        broker.close();
    }

    @Test
    void topicsOfTheDemoFleetWithAnUnknownMeterSelected(FxRobot robot) throws Exception {
        assumeTrue(DIR != null, "set -Dedgedeck.screenshots=DIR to render screenshots");
        WaitForAsyncUtils.asyncFx(() -> window.screenProperty().set(Screen.TOPICS)).get();
        Fx.waitUntil(30, () -> window.topicsViewModel().unknownTopicsProperty().get() == 3);
        Thread.sleep(8_000); // a few seconds of rates
        WaitForAsyncUtils.asyncFx(() -> {
            window.topicsViewModel().row("Demo fleet (built-in broker)", "smartplug")
                    .flatMap(window.topicsViewModel()::item).ifPresent(i -> i.setExpanded(true));
            window.topicsView().select("Demo fleet (built-in broker)", "workshop/meter-7/data");
        }).get();
        Fx.waitUntil(5, () -> !window.topicsViewModel().detailPayloadProperty().get().isEmpty()); // read in the background
        WaitForAsyncUtils.waitForFxEvents();
        var image = WaitForAsyncUtils.asyncFx(() -> PngSnapshot.take(scene)).get();
        PngSnapshot.write(image, Path.of(DIR, "topics.png"));
        assertThat(image.getWidth()).isEqualTo(1366);
    }
}
