package io.edgedeck.link.mqtt;

import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.command.CommandSigner;
import io.edgedeck.link.command.OperatorKey;
import io.edgedeck.link.command.OperatorKeys;
import io.edgedeck.link.command.RateLimitExceededException;
import io.edgedeck.link.command.RejectReason;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.command.SignedCommand;
import io.edgedeck.link.command.TrustedOperatorKeys;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands through the real embedded broker to simulated plugs that verify them. */
class CommandChannelTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final OperatorKey OPERATOR = OperatorKeys.generate(RANDOM);
    private static EmbeddedBroker broker;
    private static FleetSimulator fleet;
    private static CommandChannel channel;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start(0);
        fleet = new FleetSimulator(BrokerSettings.of(broker.uri(), "unused"), new SimulationConfig(2, 0, 1.0, 3),
                FleetSimulator.Timing.realistic().withoutDrops(), ZoneOffset.UTC,
                TrustedOperatorKeys.of(List.of(OPERATOR.publicKey())), Clock.systemUTC());
        fleet.start();
        channel = CommandChannel.connect(BrokerSettings.of(broker.uri(), "console-commands"), WAIT);
    }

    @AfterAll
    static void stop() {
        if (channel != null) channel.close();
        if (fleet != null) fleet.close();
        if (broker != null) broker.close();
    }

    private final CommandSigner signer = new CommandSigner(OPERATOR, Clock.systemUTC(), RANDOM);

    @Test
    void acceptedCommandsSwitchTheRelayAndReplaysAreRefused() {
        SignedCommand off = signer.sign("sim-plug-01", RelayCommand.RELAY_OFF);
        CommandOutcome o = channel.send(off, WAIT).join();
        assertThat(o.result()).as(o.describe()).isEqualTo(CommandOutcome.Result.ACCEPTED);
        assertThat(o.relayOn()).isFalse();
        assertThat(o.command()).isSameAs(off);
        System.out.printf("[command] signed relay_off accepted in %d ms round trip%n", o.waited().toMillis());

        CommandOutcome toggled = channel.send(signer.sign("sim-plug-01", RelayCommand.RELAY_TOGGLE), WAIT).join();
        assertThat(toggled.result()).isEqualTo(CommandOutcome.Result.ACCEPTED);
        assertThat(toggled.relayOn()).isTrue();

        CommandOutcome replay = channel.send(off, WAIT).join();
        assertThat(replay.result()).isEqualTo(CommandOutcome.Result.REJECTED);
        assertThat(replay.reason()).isEqualTo(RejectReason.REPLAYED);
        assertThat(replay.relayOn()).as("a refused command changes nothing").isTrue();
        assertThat(replay.describe()).startsWith("sim-plug-01 rejected relay_off: replayed");
    }

    @Test
    void aForgedKeyIsRefusedAsUnknown() {
        CommandSigner forger = new CommandSigner(OperatorKeys.generate(RANDOM), Clock.systemUTC(), RANDOM);
        CommandOutcome o = channel.send(forger.sign("sim-plug-02", RelayCommand.RELAY_OFF), WAIT).join();
        assertThat(o.result()).isEqualTo(CommandOutcome.Result.REJECTED);
        assertThat(o.reason()).isEqualTo(RejectReason.UNKNOWN_KEY);
    }

    @Test
    void commandsForAnotherPlugOrOutOfTimeAreRefusedEndToEnd() {
        CommandSigner old = new CommandSigner(OPERATOR, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)), RANDOM);
        assertThat(channel.send(old.sign("sim-plug-02", RelayCommand.RELAY_ON), WAIT).join().reason())
                .isEqualTo(RejectReason.EXPIRED);
        CommandSigner future = new CommandSigner(OPERATOR, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)), RANDOM);
        assertThat(channel.send(future.sign("sim-plug-02", RelayCommand.RELAY_ON), WAIT).join().reason())
                .isEqualTo(RejectReason.NOT_YET_VALID);
    }

    @Test
    void aTamperedSignatureAndAnotherPlugsCommandAreRefusedEndToEnd() {
        SignedCommand good = signer.sign("sim-plug-02", RelayCommand.RELAY_OFF);
        String[] parts = good.jws().split("\\.");
        char[] sig = parts[2].toCharArray();
        sig[10] = sig[10] == 'A' ? 'B' : 'A';
        SignedCommand tampered = new SignedCommand(parts[0] + "." + parts[1] + "." + new String(sig), good.deviceId(),
                good.command(), good.nonce(), good.keyId(), good.issuedAt(), good.expiresAt());
        assertThat(channel.send(tampered, WAIT).join().reason()).isEqualTo(RejectReason.BAD_SIGNATURE);

        // signed for plug 1, delivered to plug 2's control topic
        SignedCommand forPlug1 = signer.sign("sim-plug-01", RelayCommand.RELAY_OFF);
        SignedCommand misdirected = new SignedCommand(forPlug1.jws(), "sim-plug-02", forPlug1.command(),
                forPlug1.nonce(), forPlug1.keyId(), forPlug1.issuedAt(), forPlug1.expiresAt());
        CommandOutcome o = channel.send(misdirected, WAIT).join();
        assertThat(o.reason()).isEqualTo(RejectReason.WRONG_DEVICE);
    }

    @Test
    void aMalformedTokenIsAnsweredAsMalformed() throws Exception {
        var raw = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier("raw-tester")
                .serverHost(broker.uri().getHost()).serverPort(broker.uri().getPort()).buildBlocking();
        raw.connect();
        try (var publishes = raw.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            raw.subscribeWith().topicFilter("smartplug/sim-plug-02/status")
                    .qos(com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE).send();
            raw.publishWith().topic("smartplug/sim-plug-02/control")
                    .qos(com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE)
                    .payload("on".getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
            long deadline = System.nanoTime() + WAIT.toNanos();
            RejectReason seen = null;
            while (seen == null && System.nanoTime() < deadline) {
                var p = publishes.receive(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (p.isPresent()) {
                    seen = io.edgedeck.link.command.CommandAck.parse(p.get().getPayloadAsBytes())
                            .filter(a -> !a.isAccepted()).map(io.edgedeck.link.command.CommandAck::reason).orElse(null);
                }
            }
            assertThat(seen).as("the plug answers an unsigned 'on' as malformed").isEqualTo(RejectReason.MALFORMED);
        } finally {
            raw.disconnect();
        }
    }

    @Test
    void anOfflineDeviceTimesOut() {
        long t0 = System.nanoTime();
        CommandOutcome o = channel.send(signer.sign("sim-plug-77", RelayCommand.RELAY_ON), Duration.ofMillis(800)).join();
        assertThat(o.result()).isEqualTo(CommandOutcome.Result.TIMEOUT);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(700L, 4000L);
        assertThat(o.describe()).isEqualTo("no answer from sim-plug-77 to relay_on within 0.80 s (is it online?)");
    }

    @Test
    void theSenderRateLimitsBeforeSigning() {
        var sender = new SignedCommandSender(new CommandRateLimiter(Clock.systemUTC(), 2, Duration.ofMinutes(1)), signer, channel);
        assertThat(sender.send("sim-plug-02", RelayCommand.RELAY_ON, WAIT).join().result()).isEqualTo(CommandOutcome.Result.ACCEPTED);
        assertThat(sender.send("sim-plug-02", RelayCommand.RELAY_ON, WAIT).join().result()).isEqualTo(CommandOutcome.Result.ACCEPTED);
        assertThatThrownBy(() -> sender.send("sim-plug-02", RelayCommand.RELAY_ON, WAIT))
                .isInstanceOf(RateLimitExceededException.class).hasMessageStartingWith("sim-plug-02 already had 2 commands");
    }

    @Test
    void unreachableBrokerIsAReadableLinkError() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int p = port;
        assertThatThrownBy(() -> CommandChannel.connect(BrokerSettings.of(URI.create("tcp://127.0.0.1:" + p), "x"), WAIT))
                .isInstanceOf(LinkException.class).hasMessage("Cannot reach the MQTT broker at 127.0.0.1:" + p + ": connection refused");
    }
}
