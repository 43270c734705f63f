package io.edgedeck.link.sim;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.tls.MqttTlsConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A few devices of other makes beside the demo fleet, for the topic explorer to show: a Tasmota plug (a format
 * EdgeDeck knows) and three publishers no built-in rule matches — an energy meter with its own JSON field names
 * ({@code workshop/meter-7/data}), a pond thermometer with a bare value ({@code garden/pond/temperature}) and a
 * printer's status text. Every 5 s, QoS 0, on the simulator's scheduler.
 */
final class ForeignDevices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignDevices.class);
    static final String TASMOTA = "tasmota_5C1A2B";
    private static final long PERIOD_SECONDS = 5;

    private final Mqtt5AsyncClient client;
    private final SplittableRandom random;
    private double energyKwh = 12.418;
    private double pond = 14.2;

    ForeignDevices(BrokerSettings broker, long seed) {
        var b = MqttClient.builder().identifier("edgedeck-demo-foreign").serverHost(broker.host()).serverPort(broker.port());
        if (broker.tls().isPresent()) b = b.sslConfig(MqttTlsConfigs.create(broker.tls().get()));
        this.client = b.automaticReconnectWithDefaultConfig().useMqttVersion5().buildAsync();
        this.random = new SplittableRandom(seed);
    }

    void start(ScheduledExecutorService scheduler) {
        client.connect().whenComplete((ack, e) -> {
            if (e != null) {
                LOG.warn("The demo's foreign devices could not connect: {}", e.toString());
                return;
            }
            publish("tele/" + TASMOTA + "/LWT", "Online", true);
            scheduler.scheduleAtFixedRate(this::tick, 1, PERIOD_SECONDS, TimeUnit.SECONDS);
        });
    }

    private synchronized void tick() {
        try {
            double watts = 380 + random.nextDouble() * 60;
            double volts = 228 + random.nextDouble() * 4;
            energyKwh += watts * PERIOD_SECONDS / 3_600_000;
            double plugPower = 42 + random.nextDouble() * 6;
            publish("tele/" + TASMOTA + "/SENSOR", String.format(Locale.ROOT,
                    "{\"Time\":\"%s\",\"ENERGY\":{\"TotalStartTime\":\"2024-11-02T09:12:44\",\"Total\":%.3f,\"Yesterday\":0.912,"
                            + "\"Today\":0.377,\"Period\":4,\"Power\":%.0f,\"ApparentPower\":51,\"ReactivePower\":23,"
                            + "\"Factor\":0.88,\"Voltage\":%.0f,\"Current\":%.3f}}",
                    java.time.LocalDateTime.now().withNano(0), energyKwh, plugPower, volts, plugPower / volts), false);
            publish("workshop/meter-7/data", String.format(Locale.ROOT,
                    "{\"watts\":%.1f,\"volts\":%.1f,\"amps\":%.2f,\"rssi\":%d,\"fw\":\"1.4.2\"}",
                    watts, volts, watts / volts, -55 - random.nextInt(10)), false);
            pond += (random.nextDouble() - 0.5) * 0.1;
            publish("garden/pond/temperature", String.format(Locale.ROOT, "%.1f", pond), false);
            publish("office/printer/status", random.nextInt(4) == 0 ? "printing" : "idle", false);
        } catch (RuntimeException e) {
            LOG.warn("A demo foreign device failed: {}", e.toString());
        }
    }

    private void publish(String topic, String payload, boolean retain) {
        client.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).retain(retain)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(2, TimeUnit.SECONDS).handle((v, e) -> null).join();
    }
}
