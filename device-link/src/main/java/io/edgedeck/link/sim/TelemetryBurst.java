package io.edgedeck.link.sim;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.LinkErrors;
import io.edgedeck.link.mqtt.LinkException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a fixed number of plug telemetry messages as fast as the broker takes them, over one MQTT 5 connection at
 * QoS 1 with a bounded number in flight, for benchmarks. Message {@code n} comes from device
 * {@code burst-plug-<n % devices>} and carries its own time {@code ts} (epoch ms: {@code startMillis + (n / devices)
 * * 1000}), so every message is a distinct reading (device, ts) and redeliveries are recognisable.
 * <pre>
 *   TelemetryBurst.Result r = TelemetryBurst.publish(settings, 1_000_000, 1_000, 1_000);
 * </pre>
 */
public final class TelemetryBurst {
    private TelemetryBurst() {
    }

    /** @param elapsed from the first publish to the last PUBACK */
    public record Result(long messages, long failed, Duration elapsed) {
        public double messagesPerSecond() {
            return messages / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** The device id of message {@code n}. */
    public static String deviceId(long n, int devices) {
        return String.format(Locale.ROOT, "burst-plug-%05d", n % devices);
    }

    /** The payload of message {@code n} (deterministic). */
    public static String payload(long n, int devices, long startMillis) {
        long ts = startMillis + (n / devices) * 1000;
        double power = 20 + (n * 7919 % 2000) / 10.0;
        double voltage = 228 + (n % 50) / 10.0;
        return String.format(Locale.ROOT,
                "{\"ts\":%d,\"voltage\":%.1f,\"current\":%.3f,\"power\":%.1f,\"relay_state\":\"on\",\"energy\":%.4f}",
                ts, voltage, power / voltage, power, (n / devices) * 0.0001);
    }

    /** Like {@link #publish(BrokerSettings, long, int, int, long)}, the newest reading of each device being about now. */
    public static Result publish(BrokerSettings settings, long messages, int devices, int maxInFlight) {
        long start = System.currentTimeMillis() - (messages / Math.max(1, devices)) * 1000;
        return publish(settings, messages, devices, maxInFlight, start);
    }

    /**
     * Connects (clean session, client id {@code settings.clientId()}), publishes {@code messages} messages spread over
     * {@code devices} plugs, waits until every one is acknowledged, disconnects.
     *
     * @throws LinkException when the broker cannot be reached
     */
    public static Result publish(BrokerSettings settings, long messages, int devices, int maxInFlight, long startMillis) {
        if (messages < 0 || devices < 1 || maxInFlight < 1) throw new IllegalArgumentException("bad burst parameters");
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(settings.clientId())
                .serverHost(settings.host()).serverPort(settings.port()).buildAsync();
        Duration timeout = Duration.ofSeconds(10);
        try {
            var c = client.connectWith().cleanStart(true).restrictions().sendMaximum(Math.min(65535, maxInFlight))
                    .applyRestrictions();
            if (settings.username().isPresent()) {
                var a = c.simpleAuth().username(settings.username().get());
                settings.password().ifPresent(p -> a.password(new String(p).getBytes(StandardCharsets.UTF_8)));
                a.applySimpleAuth();
            }
            c.send().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.disconnect();
            throw new LinkException("interrupted while connecting", e);
        } catch (Exception e) {
            client.disconnect();
            throw LinkErrors.connectFailure(settings, e, timeout);
        }
        Semaphore window = new Semaphore(maxInFlight);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long t0 = System.nanoTime();
        try {
            for (long n = 0; n < messages; n++) {
                window.acquire();
                String topic = "smartplug/" + deviceId(n, devices) + "/telemetry";
                byte[] body = payload(n, devices, startMillis).getBytes(StandardCharsets.UTF_8);
                client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(body).send()
                        .whenComplete((r, e) -> {
                            Throwable err = e != null ? e : r.getError().orElse(null);
                            if (err != null) {
                                failed.incrementAndGet();
                                firstError.compareAndSet(null, err);
                            }
                            window.release();
                        });
            }
            window.acquire(maxInFlight); // all acknowledged
            window.release(maxInFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException("interrupted while publishing", e);
        } finally {
            client.disconnect().orTimeout(10, TimeUnit.SECONDS).handle((v, e) -> null).join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        if (failed.get() > 0) {
            org.slf4j.LoggerFactory.getLogger(TelemetryBurst.class).warn("{} of {} burst messages failed, first: {}",
                    failed.get(), messages, firstError.get().toString());
        }
        return new Result(messages - failed.get(), failed.get(), elapsed);
    }
}
