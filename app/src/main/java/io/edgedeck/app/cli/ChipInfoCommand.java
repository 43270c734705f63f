package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.ChipInfo;
import io.edgedeck.link.esp32.loader.ChipRevision;
import io.edgedeck.link.esp32.loader.LoaderConnection;
import io.edgedeck.link.esp32.ops.BoardAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "chip-info", mixinStandardHelpOptions = true,
        description = {"Connects to the ROM loader and prints the chip, its package and silicon revision (v3.0), its MAC "
                + "address and crystal frequency "
                + "(esptool chip-id). Other Espressif chips are named even though EdgeDeck flashes only the ESP32.",
                "Exit codes: 0 ok, 6 link or board failure."})
public final class ChipInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT", description = "Serial port or path.")
    String port;

    @Option(names = "--before", paramLabel = "RESET", defaultValue = "default-reset",
            converter = LinkOptions.BeforeConverter.class,
            description = "default-reset, usb-reset or no-reset (default ${DEFAULT-VALUE}).")
    BeforeReset before;

    @Option(names = "--connect-attempts", paramLabel = "N", defaultValue = "" + LoaderConnection.DEFAULT_CONNECT_ATTEMPTS,
            description = "Resets and SYNC rounds before giving up (default ${DEFAULT-VALUE}).")
    int connectAttempts;

    @Override
    public Integer call() {
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("--connect-attempts must be at least 1");
        }
        ChipInfo info = BoardAccess.system(connectAttempts).flasher().chipInfo(port, before);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Port:       %s%n", port);
        out.printf("Chip:       %s%s%n", info.chip().displayName(),
                info.chip().flashable() ? "" : " (EdgeDeck cannot flash this chip)");
        out.printf("Model:      %s%n", info.model());
        out.printf("Revision:   %s%n", info.revision().map(ChipRevision::toString)
                .orElse("not read (EdgeDeck reads it on the ESP32 only)"));
        out.printf("MAC:        %s%n", info.mac());
        out.printf("Crystal:    %d MHz%n", info.crystalMhz());
        out.printf("Flash size: not detected (flash assumes 4 MB)%n");
        out.flush();
        return ExitCodes.OK;
    }
}
