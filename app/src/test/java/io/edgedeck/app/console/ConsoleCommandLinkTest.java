package io.edgedeck.app.console;

import io.edgedeck.db.AuditOutcome;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.services.FleetTrust;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.RelayControl;
import io.edgedeck.services.SignedIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's wiring without a window: the first operator created on the console commands the demo fleet, whose
 * plugs trust the console's operators; before the broker is up a command fails in words and is audited.
 */
class ConsoleCommandLinkTest {
    @TempDir
    Path dir;

    @Test
    void theConsolesFirstOperatorCommandsTheDemoFleetOnceTheLinkIsUp() {
        try (LocalStore store = LocalStore.open(dir.resolve("console"));
             EmbeddedBroker broker = EmbeddedBroker.start(0);
             ConsoleCommandLink link = new ConsoleCommandLink();
             ExecutorService background = Executors.newCachedThreadPool()) {
            OperatorSession session = new OperatorSession(store.operators(), store.audit(), KeyRing.inDataFolder(dir));
            RelayControl relays = new RelayControl(store.operators(), store.audit(),
                    new CommandRateLimiter(Clock.systemUTC()), link, Clock.systemUTC(), new SecureRandom(), background);
            SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());

            assertThatThrownBy(() -> relays.send(root, "sim-plug-01", RelayCommand.RELAY_OFF).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(LinkException.class)
                    .hasMessageContaining("the console is not connected to the broker yet");

            BrokerSettings settings = BrokerSettings.of(broker.uri(), "edgedeck-console-test");
            try (FleetSimulator fleet = new FleetSimulator(BrokerSettings.of(broker.uri(), "demo"),
                    new SimulationConfig(2, 0, 1.0, 5), FleetSimulator.Timing.realistic().withoutDrops(),
                    ZoneOffset.UTC, new FleetTrust(store.operators()), Clock.systemUTC())) {
                fleet.start();
                link.connect(settings, Duration.ofSeconds(5));

                CommandOutcome o = relays.send(root, "sim-plug-01", RelayCommand.RELAY_OFF).join();
                assertThat(o.result()).as(o.describe()).isEqualTo(CommandOutcome.Result.ACCEPTED);
            }
            assertThat(store.audit().list(AuditQuery.all().device("sim-plug-01"))).extracting(r -> r.entry().outcome())
                    .containsExactly(AuditOutcome.SENT, AuditOutcome.FAILED, AuditOutcome.SENT, AuditOutcome.ACCEPTED);
            assertThat(store.audit().verify().intact()).isTrue();
        }
    }
}
