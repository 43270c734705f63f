package io.edgedeck.app.console;

import io.edgedeck.app.Settings;
import io.edgedeck.app.SettingsStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.services.topics.TopicTree;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.topics.TopicsViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** "Show broker $SYS topics" survives a restart through settings.json and is applied at start to the tab and every tap. */
class SysTopicsChoiceTest {
    @TempDir
    Path dir;

    @Test
    void theChoiceRoundTripsThroughSettingsJsonWithoutDisturbingTheRest() throws Exception {
        var store = new SettingsStore(dir.resolve("settings.json"));
        store.save(new Settings("tcp://broker.local:1883", "3", "shopfloor-1", null));
        assertThat(UiPreferences.showSysTopics(store.load().uiOrDefaults())).isFalse(); // off by default

        store.save(store.load().withShowSysTopics(true));
        Settings again = new SettingsStore(dir.resolve("settings.json")).load();
        assertThat(UiPreferences.showSysTopics(again.uiOrDefaults())).isTrue();
        assertThat(again.brokerUrl()).isEqualTo("tcp://broker.local:1883");
        assertThat(Files.readString(dir.resolve("settings.json"))).contains("\"showSysTopics\" : true");

        store.save(store.load().withShowSysTopics(false));
        assertThat(UiPreferences.showSysTopics(store.load().uiOrDefaults())).isFalse();
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("showSysTopics");
    }

    @Test
    void theSavedChoiceIsAppliedAtStartToTheTabAndToATapThatComesUpLater() throws Exception {
        var store = new SettingsStore(dir.resolve("settings.json"));
        store.save(Settings.embeddedDefault().withShowSysTopics(true));
        ExecutorService background = Executors.newCachedThreadPool();
        // a broker that drops a client asking for $SYS/#: the tap's note proves it asked
        try (EmbeddedBroker broker = EmbeddedBroker.startRefusing(0, "$SYS", EmbeddedBroker.Refusal.DISCONNECT)) {
            TopicTree tree = new TopicTree();
            var vm = new TopicsViewModel(tree, Tasks.direct(), Clock.systemUTC());
            Map<String, String> notes = new ConcurrentHashMap<>();
            try (ExplorerTaps taps = new ExplorerTaps(tree, background, Duration.ofSeconds(5), (h, m) -> { }, notes::put)) {
                // what the console does at start, with what it read from settings.json
                boolean saved = UiPreferences.showSysTopics(new SettingsStore(dir.resolve("settings.json")).load().uiOrDefaults());
                SysTopicsChoice.apply(saved, vm.showSysProperty(), taps, background,
                        on -> store.save(store.load().withShowSysTopics(on)));
                assertThat(vm.showSysProperty().get()).isTrue();

                taps.up("Plant", BrokerSettings.of(broker.uri(), "console-sys-choice"), TopicMapping.defaults());
                Waits.until(() -> notes.getOrDefault("Plant", "").contains("closed the connection"));

                vm.showSysProperty().set(false); // the user turns it off: remembered
                Waits.until(() -> !UiPreferences.showSysTopics(store.load().uiOrDefaults()));
                assertThat(notes.get("Plant")).isEmpty();
            }
        } finally {
            background.shutdownNow();
        }
    }
}
