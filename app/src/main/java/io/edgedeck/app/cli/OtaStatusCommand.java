package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.image.OtaData;
import io.edgedeck.link.esp32.image.Partition;
import io.edgedeck.link.esp32.ops.OtaControl;
import io.edgedeck.link.esp32.ops.OtaStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "ota-status", mixinStandardHelpOptions = true,
        description = {"Reads the partition table and otadata from the board and tells which OTA slot boots. Writes nothing.",
                "Exit codes: 0 ok, 6 link or board failure, 7 the board has no partition table or no OTA slots."})
public final class OtaStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT", description = "Serial port or path.")
    String port;

    @Mixin
    LinkOptions link;

    @Override
    public Integer call() {
        OtaStatus s = new OtaControl(link.access()).status(port, link.connect(), null, null);
        print(spec.commandLine().getOut(), s);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, OtaStatus s) {
        out.printf("%s, MAC %s%n", s.chip().chip().displayName(), s.chip().mac());
        out.printf("otadata: %s at 0x%X%n", s.otadataPartition().label(), s.otadataPartition().offset());
        for (OtaData.Entry e : s.otaData().entries()) {
            out.printf("  sector %d: %s%n", e.sector(), e.otaSeq() == 0xFFFF_FFFFL ? "erased"
                    : String.format("seq %d, state %s, %s", e.otaSeq(), e.stateName(), e.valid() ? "valid" : "invalid"));
        }
        for (Partition p : s.otaSlots()) {
            boolean boots = !s.boots().isFactory() && s.boots().otaSlot() == p.otaIndex();
            out.printf("  %-8s 0x%06X  %,9d bytes%s%n", p.label(), p.offset(), p.size(), boots ? "  <- boots" : "");
        }
        out.printf("Boots: %s%n", s.boots().name());
        out.flush();
    }
}
