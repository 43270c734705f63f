package io.edgedeck.app.cli;

import io.edgedeck.app.AppPaths;
import io.edgedeck.app.console.ConsoleOptions;
import io.edgedeck.app.console.ConsoleRuntime;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.tls.TlsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "edgedeck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "EdgeDeck: desktop console for fleets of ESP32 smart plugs and sensors.",
            "Without a command it opens the console; with no broker configured it runs the built-in broker and a "
                + "simulated demo fleet."
        },
        subcommands = {SimulateCommand.class, CollectCommand.class, ExportCommand.class, ImageInfoCommand.class,
            FlashCommand.class, ReadFlashCommand.class, ChipInfoCommand.class, OtaStatusCommand.class,
            OtaSelectCommand.class, PortsCommand.class, KeysCommand.class, SignCommand.class, SendCommandCommand.class,
            OperatorsCommand.class, AuditCommand.class, AlertsCommand.class, DevicesCommand.class, CompactCommand.class,
            HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 unexpected failure, 2 bad usage or input (also unusable TLS certificate, key or "
            + "passphrase), 3 broker unreachable or TLS handshake failed, 4 database "
            + "problem, 5 firmware image refused, 6 serial link or board failure, 7 the board's flash lacks what the "
            + "command needs, 8 relay command refused, 9 no answer to a relay command, 10 not permitted for this "
            + "operator, 11 audit log tampered with, 130 cancelled (Ctrl+C)."})
public final class EdgeDeckCommand implements Callable<Integer> {
    private final AppPaths paths;

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", paramLabel = "URL",
            description = "Connect the console to this broker (e.g. tcp://broker.local:1883, or ssl://HOST:8883 for TLS) "
                    + "instead of the configured one.")
    String broker;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Start with this saved connection profile (the connection dialog's, Ctrl+Shift+B) instead of the "
                    + "one used last.")
    String profile;

    @Mixin
    TlsOptions tls;

    @Mixin
    TlsKeyOption tlsKey;

    @Option(names = "--db", paramLabel = "PATH", description = "Database file (default: in your data folder).")
    Path db;

    @Option(names = "--demo-plugs", paramLabel = "N", defaultValue = "12",
            description = "Plugs in the simulated demo fleet (default ${DEFAULT-VALUE}).")
    int demoPlugs;

    @Option(names = "--demo-sensors", paramLabel = "N", defaultValue = "4",
            description = "Climate sensors in the simulated demo fleet (default ${DEFAULT-VALUE}).")
    int demoSensors;

    @Option(names = "--flash-image", paramLabel = "FILE",
            description = "Open the console on the Flash tab with this firmware image loaded.")
    Path flashImage;

    @Parameters(arity = "0..1", paramLabel = "IMAGE.bin",
            description = "Same as --flash-image (what the desktop passes when you open a .bin file with EdgeDeck).")
    Path imageArgument;

    @Option(names = "--screenshot", paramLabel = "FILE", hidden = true,
            description = "Save a PNG of the window after --screenshot-delay seconds, then quit (for docs).")
    Path screenshot;

    @Option(names = "--screenshot-delay", paramLabel = "S", defaultValue = "20", hidden = true)
    int screenshotDelay;

    @Option(names = "--screenshot-tab", paramLabel = "N", defaultValue = "0", hidden = true)
    int screenshotTab;

    @Option(names = "--screenshot-first-run", hidden = true,
            description = "With --screenshot: picture the first start's question over the window (for docs).")
    boolean screenshotFirstRun;

    @Option(names = "--screenshot-all", paramLabel = "DIR", hidden = true,
            description = "After --screenshot-delay seconds save every tab in the dark and the light theme as PNGs "
                    + "in DIR, then quit (docs/screenshots/update.sh).")
    Path screenshotAll;

    public EdgeDeckCommand(AppPaths paths) {
        this.paths = paths;
    }

    AppPaths paths() {
        return paths;
    }

    @Override
    public Integer call() {
        if (broker != null && profile != null) {
            throw new IllegalArgumentException("give --broker or --profile, not both");
        }
        if (screenshotFirstRun && screenshot == null) {
            throw new IllegalArgumentException("--screenshot-first-run goes with --screenshot FILE");
        }
        Path image = firmwareImage();
        URI uri = broker != null ? BrokerUris.parse(broker) : null;
        Optional<TlsSettings> tlsSettings = Optional.empty();
        tls.useKeyOption(tlsKey);
        if (tls.given()) {
            if (uri == null) {
                throw new IllegalArgumentException("TLS options (--ca, --cert, --key, ...) go with --broker ssl://HOST:8883");
            }
            tlsSettings = Optional.of(tls.applyTo(BrokerSettings.of(uri, "edgedeck-console")).tls().orElseThrow());
            tls.warnIfInsecure(spec.commandLine().getErr());
        }
        var options = new ConsoleOptions(uri, db, demoPlugs, demoSensors, screenshot, screenshotDelay, screenshotTab,
                tlsSettings, image, screenshotAll, profile, screenshotFirstRun);
        return new ConsoleRuntime(paths, options).run();
    }

    /** The image to open on the Flash tab, or null; a word that is no file is most likely a mistyped command. */
    private Path firmwareImage() {
        if (flashImage != null && imageArgument != null) {
            throw new IllegalArgumentException("give the firmware image once: either --flash-image FILE or FILE");
        }
        Path image = flashImage != null ? flashImage : imageArgument;
        if (image != null && !Files.isRegularFile(image)) {
            throw new IllegalArgumentException(imageArgument != null
                    ? "'" + image + "' is neither an EdgeDeck command nor a firmware image file (see edgedeck --help)"
                    : "there is no firmware image file " + image);
        }
        return image;
    }
}
