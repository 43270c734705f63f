package io.edgedeck.app.console;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.services.profiles.ConnectionProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel while connecting: a "broker" that takes the TCP connection and never answers would keep the console
 * connecting for the whole time-out and then retrying forever; stopping ends the attempt at once, and the console is
 * free to switch to a broker that answers.
 */
class FleetLinkStopConnectingTest {
    @TempDir
    Path dir;

    @Test
    void aBrokerThatNeverAnswersCanBeGivenUp() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        ExecutorService background = Executors.newCachedThreadPool();
        try (ServerSocket silent = new ServerSocket(0);
             EmbeddedBroker working = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(dir.resolve("fleet"));
             ConsoleCommandLink commands = new ConsoleCommandLink()) {
            background.execute(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accepts, reads nothing, answers nothing
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            List<String> failures = new CopyOnWriteArrayList<>();
            FleetLink link = new FleetLink(store, commands, s -> {
                throw new AssertionError("no demo fleet here");
            }, new FleetLink.Events() {
                @Override
                public void switched(ConsoleConnection c, String description) {
                }

                @Override
                public void failed(String header, String message, boolean retrying) {
                    failures.add(header);
                }
            }, Duration.ofMinutes(5)); // without Cancel the attempt would last five minutes
            List<LinkState> states = new CopyOnWriteArrayList<>();
            link.feed().addStateListener(states::add);

            var nowhere = ConnectionProfile.plain("Silent", "127.0.0.1", silent.getLocalPort());
            Future<Boolean> connecting = background.submit(() -> link.switchTo(ConsoleConnection.of(nowhere, "stop-test")));
            Waits.until(() -> !held.isEmpty()); // the TCP connection is open: the client waits for CONNACK
            assertThat(connecting.isDone()).isFalse();
            assertThat(link.connection().name()).isEqualTo("Silent");

            assertThat(link.stopConnecting()).isTrue();
            assertThat(connecting.get(60, TimeUnit.SECONDS)).as("the attempt ends, unconnected").isFalse();
            assertThat(link.connection()).isNull();
            assertThat(states).last().isEqualTo(LinkState.DISCONNECTED);
            assertThat(failures).as("giving up is not an error to report").isEmpty();

            var answering = ConnectionProfile.plain("Working", "127.0.0.1", working.port());
            assertThat(link.switchTo(ConsoleConnection.of(answering, "stop-test"))).isTrue();
            assertThat(link.stopConnecting()).as("nothing to stop once connected").isFalse();
            assertThat(link.connection().name()).isEqualTo("Working");
            link.close();
        } finally {
            for (Socket s : held) s.close();
            background.shutdownNow();
        }
    }
}
