package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import io.edgedeck.app.AppPaths;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.tls.Passphrase;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.KeyVaults;
import io.edgedeck.services.profiles.ProfileStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --profile NAME} on the commands that connect: a profile saved (with its password encrypted) in the config
 * folder reaches a real broker that demands that password; options given as well override the profile's.
 */
class ProfileCliTest {
    private static final String PASSWORD = "plant-broker-pw-42";
    private static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.startWithLogin(0, "collector", PASSWORD.toCharArray());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }


    private Run run(String... args) {
        return CliRun.run(paths(), args);
    }

    private AppPaths paths() {
        return new AppPaths(dir.resolve("config"), dir.resolve("data"), dir.resolve("logs"));
    }

    private void saveProfile() {
        new ProfileStore(paths().configDir(), KeyVaults.fileOnly(paths().configDir())).put(
                ConnectionProfile.plain("Plant", "127.0.0.1", broker.port()).toBuilder()
                        .username("collector").password(Optional.of(Passphrase.of(PASSWORD.toCharArray())))
                        .clientId("plant-collector").build(), null);
    }

    @Test
    void collectAndSimulateConnectWithTheSavedProfileAndItsEncryptedPassword() throws Exception {
        saveProfile();
        Path db = dir.resolve("fleet");
        CompletableFuture<Run> collect = CompletableFuture.supplyAsync(() -> run("collect", "--profile", "plant",
                "--db", db.toString(), "--duration", "6", "--progress-interval", "5"));
        Thread.sleep(1_500);
        Run sim = run("simulate", "--profile", "Plant", "--plugs", "2", "--sensors", "0", "--duration", "3");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        Run c = collect.get(60, TimeUnit.SECONDS);
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("Collecting from tcp://127.0.0.1:" + broker.port())
                .contains("Client id plant-collector (from the profile");
        try (LocalStore store = LocalStore.open(db)) {
            assertThat(store.readings().count()).isPositive();
            assertThat(store.devices().find("sim-plug-01")).isPresent();
        }
    }

    @Test
    void optionsGivenAsWellOverrideTheProfile() throws Exception {
        saveProfile();
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Run otherPort = run("collect", "--profile", "Plant", "--broker", "tcp://127.0.0.1:" + dead,
                "--db", dir.resolve("x").toString(), "--connect-timeout", "3");
        assertThat(otherPort.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(otherPort.err()).contains("127.0.0.1:" + dead).doesNotContain("Exception");

        Run wrongUser = run("collect", "--profile", "Plant", "--username", "intruder", "--db", dir.resolve("y").toString(),
                "--connect-timeout", "3");
        assertThat(wrongUser.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(wrongUser.err()).containsIgnoringCase("user name or password");

        Run tlsFilesOnPlain = run("collect", "--profile", "Plant", "--ca", dir.resolve("none.pem").toString(),
                "--db", dir.resolve("z").toString());
        assertThat(tlsFilesOnPlain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tlsFilesOnPlain.err()).contains("--ca").contains("no such file");
    }

    @Test
    void anUnknownProfileOrTheDemoOneIsRefusedInWords() {
        saveProfile();
        Run unknown = run("collect", "--profile", "Plnat", "--db", dir.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no connection profile named 'Plnat'").contains("saved profiles: Plant");

        Run demo = run("simulate", "--profile", ConnectionProfile.DEMO_NAME);
        assertThat(demo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(demo.err()).contains("runs only inside the console");

        Run both = run("--profile", "Plant", "--broker", "tcp://localhost:1883");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--broker or --profile, not both");

        Run neither = run("simulate", "--plugs", "1");
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("--broker URL").contains("--profile NAME");
    }

    @Test
    void everyCommandThatConnectsTakesAProfile() {
        var cli = new CommandLine(new EdgeDeckCommand(paths()));
        for (String name : new String[] {"collect", "simulate", "command"}) {
            assertThat(cli.getSubcommands().get(name).getCommandSpec().findOption("--profile")).as(name).isNotNull();
        }
        assertThat(cli.getCommandSpec().findOption("--profile")).as("the console").isNotNull();
    }
}
