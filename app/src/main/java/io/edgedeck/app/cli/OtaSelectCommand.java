package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.ops.OtaControl;
import io.edgedeck.link.esp32.ops.OtaSwitch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "ota-select", mixinStandardHelpOptions = true,
        description = {"Makes the board boot another OTA slot (e.g. roll back to the previous firmware): reads the "
                + "partition table (0x8000) and otadata, writes the otadata sector that selects SLOT, reads it back.",
                "Refuses a slot that holds no app. Exit codes: 0 ok, 2 bad slot name, 6 link or board failure, "
                        + "7 no partition table, otadata or such slot on the board."})
public final class OtaSelectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT", description = "Serial port or path.")
    String port;

    @Mixin
    LinkOptions link;

    @Parameters(paramLabel = "SLOT", description = "ota_0, ota_1, ...")
    String slot;

    @Override
    public Integer call() {
        int n = OtaControl.parseSlot(slot);
        OtaSwitch s = new OtaControl(link.access()).select(port, n, link.connect(), null, null);
        PrintWriter out = spec.commandLine().getOut();
        OtaStatusCommand.print(out, s.before());
        if (!s.changed()) {
            out.printf("%s already boots; nothing written.%n", s.after().name());
        } else {
            out.printf("Wrote otadata sector %d (seq %d); read back: boots %s%n", s.written().get().sectorIndex(),
                    s.written().get().otaSeq(), s.after().name());
        }
        out.println(s.resetDone() ? "Board reset." : "Reset the board (EN) to boot " + s.after().name() + ".");
        out.flush();
        return ExitCodes.OK;
    }
}
