package io.edgedeck.app.cli;

import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.TrustedOperatorKeys;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs a simulated fleet of smart plugs and climate sensors against any MQTT broker, "
                + "publishing in EdgeDeck's standard formats.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker;

    @Mixin
    TlsKeyOption tlsKey;

    @Option(names = "--plugs", paramLabel = "N", defaultValue = "12", description = "Number of smart plugs (default ${DEFAULT-VALUE}).")
    int plugs;

    @Option(names = "--sensors", paramLabel = "M", defaultValue = "4", description = "Number of climate sensors (default ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "1", description = "Telemetry messages per second per plug (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "0", description = "Stop after S seconds (default: run until Ctrl+C).")
    long durationSeconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed, to repeat a run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--trust-key", paramLabel = "PEM",
            description = "An operator public key (from 'keys public --out') whose signed relay commands the plugs obey; "
                    + "repeatable. Without one, the plugs refuse every command.")
    List<Path> trustKeys = new ArrayList<>();

    @Option(names = "--progress-interval", paramLabel = "S", defaultValue = "5", hidden = true)
    long progressSeconds;

    @Override
    public Integer call() throws Exception {
        if (plugs < 0 || sensors < 0 || plugs + sensors == 0) {
            throw new IllegalArgumentException("give at least one plug or sensor (--plugs N, --sensors M)");
        }
        if (!(rate > 0) || rate > 1000) {
            throw new IllegalArgumentException("--rate must be between 0 and 1000 messages per second");
        }
        PrintWriter out = spec.commandLine().getOut();
        var settings = broker.toSettings("edgedeck-sim-" + BrokerOptions.hostPart(), tlsKey);
        broker.warnIfInsecure(spec.commandLine().getErr());
        CountDownLatch stop = new CountDownLatch(1);
        List<ECPublicKey> trusted = trustKeys.stream().map(KeyFiles::readPublic).toList();
        try (FleetSimulator sim = new FleetSimulator(settings, new SimulationConfig(plugs, sensors, rate, seed),
                FleetSimulator.Timing.realistic(), ZoneId.systemDefault(), TrustedOperatorKeys.of(trusted), Clock.systemUTC())) {
            sim.start();
            out.printf("Simulating %d plugs and %d sensors against %s%s%n", plugs, sensors, settings.uri(),
                    durationSeconds > 0 ? " for " + durationSeconds + " s" : " (Ctrl+C to stop)");
            out.printf("Plugs obey signed commands from %s%n", trusted.isEmpty() ? "nobody (no --trust-key)"
                    : trusted.size() + " operator key(s)");
            out.flush();
            Thread hook = new Thread(stop::countDown, "edgedeck-sim-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            long start = System.nanoTime();
            long deadline = durationSeconds > 0 ? start + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
            long last = 0;
            while (System.nanoTime() < deadline) {
                long wait = Math.min(TimeUnit.SECONDS.toNanos(progressSeconds), deadline - System.nanoTime());
                if (stop.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                    break;
                }
                long now = sim.published();
                out.printf("published %,d messages (%.0f msg/s)%n", now, (now - last) / (double) progressSeconds);
                out.flush();
                last = now;
            }
            double secs = (System.nanoTime() - start) / 1e9;
            out.printf("Done: published %,d messages in %.1f s%n", sim.published(), secs);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the JVM is already on its way out
            }
        }
        return ExitCodes.OK;
    }
}
