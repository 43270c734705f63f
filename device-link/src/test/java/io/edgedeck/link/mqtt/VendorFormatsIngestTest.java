package io.edgedeck.link.mqtt;

import io.edgedeck.db.DecodeNote;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendor formats through the real pipeline: embedded broker, real H2 file, retained messages. */
class VendorFormatsIngestTest {
    private static TestBroker bench;

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        bench = TestBroker.start("vendor-publisher");
    }

    @AfterAll
    static void stopBroker() {
        if (bench != null) bench.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) c.close();
    }

    private static void publish(String topic, String payload, boolean retain) {
        bench.publish(topic, payload, retain);
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        TestBroker.await(what, Duration.ofSeconds(15), done);
    }

    private IngestPipeline start(String name, List<DecodeNote> notes) {
        LocalStore store = LocalStore.open(dir.resolve(name));
        cleanup.add(store);
        IngestPipeline p = new IngestPipeline(BrokerSettings.of(bench.broker().uri(), name), TopicMapping.defaults(), store.writer());
        cleanup.add(p);
        p.addListener((batch, result) -> notes.addAll(batch.notes()));
        p.start(Duration.ofSeconds(10));
        stores.add(store);
        return p;
    }

    private final List<LocalStore> stores = new ArrayList<>();

    @Test
    void aRetainedTasmotaPowerCommandIsAWarningOnceLoggedAndCounted() throws Exception {
        // the ghost-switching trap: https://tasmota.github.io/docs/MQTT/ ("a power message in your MQTT broker
        // flagged as 'retained' will always override the PowerOnState")
        publish("cmnd/ghostplug/POWER", "ON", true);
        try {
            List<DecodeNote> notes = new CopyOnWriteArrayList<>();
            IngestPipeline p = start("retained-cmnd", notes);
            await("the retained command's warning", () -> p.decodeWarnings() == 1);
            // counted when decoded; handed to listeners after the commit
            await("the warning at the listener", () -> notes.stream().anyMatch(DecodeNote::isWarning));
            assertThat(notes).filteredOn(DecodeNote::isWarning).singleElement().satisfies(n -> {
                assertThat(n.topic()).isEqualTo("cmnd/ghostplug/POWER");
                assertThat(n.message()).contains("retained command \"ON\"", "ghostplug", "mosquitto_pub -r -n -t 'cmnd/ghostplug/POWER'");
            });
            // a live (not retained) command is only a note
            publish("cmnd/ghostplug/POWER", "OFF", false);
            await("the live command's note", () -> notes.stream().anyMatch(n -> n.message().contains("not telemetry")));
            assertThat(p.decodeWarnings()).isEqualTo(1);
            assertThat(stores.getFirst().quarantine().count()).isZero();
        } finally {
            publish("cmnd/ghostplug/POWER", "", true); // clear the retained message for other tests
        }
    }

    @Test
    void discoveredDevicesAreSubscribedToAndStored() throws Exception {
        List<DecodeNote> notes = new CopyOnWriteArrayList<>();
        IngestPipeline p = start("discovery", notes);
        LocalStore store = stores.getFirst();
        // https://www.home-assistant.io/integrations/mqtt/ "Sensors with multiple values", with a state topic outside
        // every built-in rule, so the pipeline must subscribe to it when the discovery arrives
        publish("homeassistant/sensor/officeT/config", """
                {"device_class":"temperature","state_topic":"office/sensor1","unit_of_measurement":"°F",
                 "value_template":"{{ value_json.temperature }}","unique_id":"temp01ae",
                 "device":{"identifiers":["office01ae"],"name":"Office"}}""", false);
        await("the discovery", () -> notes.stream().anyMatch(n -> n.message().startsWith("discovered temperature of office01ae")));
        long before = System.currentTimeMillis();
        // the subscription is asynchronous: publish until a reading arrives
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (store.readings().count() == 0 && System.nanoTime() < end) {
            publish("office/sensor1", "{ \"temperature\": 71.6, \"humidity\": 43.70 }", false);
            Thread.sleep(200);
        }
        List<Reading> readings = store.readings().raw("office01ae", Instant.ofEpochMilli(before - 1000), Instant.now().plusSeconds(5));
        assertThat(readings).isNotEmpty();
        assertThat(readings.getFirst().value(Metric.TEMPERATURE)).isCloseTo(22.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(readings.getFirst().value(Metric.HUMIDITY)).as("humidity was not discovered").isNull();
        assertThat(p.decoder().discoveredMapping()).isPresent();
        assertThat(p.decoder().discoveredMapping().get().toJson()).contains("\"office/sensor1\"", "\"°F\"");
    }
}
