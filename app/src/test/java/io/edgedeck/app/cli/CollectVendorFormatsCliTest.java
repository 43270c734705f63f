package io.edgedeck.app.cli;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.edgedeck.app.AppPaths;
import io.edgedeck.link.codec.TopicMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** collect against retained Tasmota and Home Assistant messages: the warning count and --save-discovered. */
class CollectVendorFormatsCliTest {
    @RegisterExtension
    static final BrokerPerClass BROKER = new BrokerPerClass();

    @TempDir
    Path dir;

    @Test
    void retainedCommandIsCountedAndDiscoveryIsSavedAsAMappingFile() throws Exception {
        Mqtt5BlockingClient pub = MqttClient.builder().useMqttVersion5().identifier("retainer")
                .serverHost("127.0.0.1").serverPort(BROKER.get().port()).buildBlocking();
        pub.connect();
        pub.publishWith().topic("cmnd/ghost/POWER").qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload("ON".getBytes(StandardCharsets.UTF_8)).send();
        // https://www.home-assistant.io/integrations/mqtt/ "Sensors with multiple values" (configuration no1)
        pub.publishWith().topic("homeassistant/sensor/sensorBedroomT/config").qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload("""
                        {"device_class":"temperature","state_topic":"homeassistant/sensor/sensorBedroom/state",
                         "unit_of_measurement":"°C","value_template":"{{ value_json.temperature}}","unique_id":"temp01ae",
                         "device":{"identifiers":["bedroom01ae"],"name":"Bedroom"}}""".getBytes(StandardCharsets.UTF_8)).send();
        pub.disconnect();

        Path saved = dir.resolve("discovered.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EdgeDeckCommand(new AppPaths(dir.resolve("c"), dir.resolve("d"), dir.resolve("l"))))
                .setExecutionExceptionHandler(new ErrorReporter())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("collect", "--broker", BROKER.get().uri().toString(), "--db", dir.resolve("fleet").toString(),
                        "--duration", "3", "--progress-interval", "1", "--save-discovered", saved.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 warning(s)").contains("Saved 1 discovered rule(s) to " + saved);
        TopicMapping mapping = TopicMapping.load(saved);
        assertThat(mapping.rules()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("homeassistant/sensor/sensorBedroom/state");
            assertThat(r.device()).isEqualTo("bedroom01ae");
            assertThat(r.aliases()).containsEntry("temperature", "temperature");
        });
    }
}
