package io.edgedeck.app.cli;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.link.command.LoadedKey;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.CommandChannel;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.RelayControl;
import io.edgedeck.services.SignedIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Command(name = "command", mixinStandardHelpOptions = true,
        description = {"Signs a relay command with your operator key, publishes it to the device and waits for its answer.",
            "The key must be the registered key of an enabled Admin or Technician of the database (--db); every "
                + "command, refused or sent, and its answer are recorded in that database's audit log.",
            "Exit code 0: accepted; 8: refused by the device (the reason is printed) or by the rate limit; "
                + "9: no answer in time; 10: this operator may not send commands."})
public final class SendCommandCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator key file.")
    Path keyFile;

    @Option(names = "--passphrase-file", paramLabel = "F", description = "Read the passphrase from the first line of F.")
    Path passphraseFile;

    @Option(names = "--db", paramLabel = "PATH",
            description = "The database with the operators and the audit log (default: the console's, in your data folder).")
    Path db;

    @Option(names = "--device", required = true, paramLabel = "ID", description = "The device, e.g. sim-plug-01.")
    String device;

    @Parameters(index = "0", paramLabel = "CMD", description = "relay_on, relay_off or relay_toggle.")
    String command;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds to wait for the device's answer (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() {
        RelayCommand cmd = RelayCommand.parse(command);
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("--timeout must be between 0 and 3600 seconds");
        }
        Path dbFile = db != null ? db : CliServices.paths(spec).defaultDatabase();
        LoadedKey key = KeyUnlocking.unlock(keyFile, passphraseFile);
        KeysCommand.printWarnings(spec.commandLine().getErr(), key);
        if (!Files.exists(dbFile) && !Files.exists(Path.of(dbFile + ".mv.db"))) {
            throw new AccessRefusedException("key " + key.key().keyId() + " belongs to no operator: there is no "
                    + "EdgeDeck database at " + dbFile + " (register the key first: edgedeck keys generate --db PATH, "
                    + "or edgedeck operators add)");
        }
        String ownClientId = "edgedeck-command-" + BrokerOptions.hostPart() + "-" + ProcessHandle.current().pid();
        BrokerSettings settings = broker.toSettings(ownClientId).withCleanStart(true);
        if (!broker.clientIdGiven()) {
            // a profile's client id is the console's or collector's persistent session: never take it over
            settings = settings.withClientId(ownClientId);
        }
        broker.warnIfInsecure(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        try (LocalStore store = LocalStore.open(dbFile);
             ExecutorService executor = Executors.newSingleThreadExecutor();
             LazyChannel channel = new LazyChannel(settings)) {
            OperatorSession session = CliServices.session(spec, store);
            SignedIn who = session.identify(key.key());
            RelayControl relays = new RelayControl(store.operators(), store.audit(),
                    new CommandRateLimiter(Clock.systemUTC()), channel::publish, Clock.systemUTC(), new SecureRandom(),
                    executor);
            CommandOutcome outcome;
            try {
                outcome = relays.send(who, device, cmd, Duration.ofMillis((long) (timeoutSeconds * 1000))).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            out.println(outcome.describe());
            out.flush();
            return switch (outcome.result()) {
                case ACCEPTED -> ExitCodes.OK;
                case REJECTED -> ExitCodes.COMMAND_REJECTED;
                case TIMEOUT -> ExitCodes.COMMAND_TIMEOUT;
            };
        }
    }

    /** Connects to the broker on the first publish: a command refused by role or rate limit never touches it. */
    private static final class LazyChannel implements AutoCloseable {
        private final BrokerSettings settings;
        private CommandChannel channel;

        LazyChannel(BrokerSettings settings) {
            this.settings = settings;
        }

        synchronized java.util.concurrent.CompletableFuture<CommandOutcome> publish(
                io.edgedeck.link.command.SignedCommand command, Duration timeout) {
            if (channel == null) {
                channel = CommandChannel.connect(settings, Duration.ofSeconds(10));
            }
            return channel.send(command, timeout);
        }

        @Override
        public synchronized void close() {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
