package io.edgedeck.app.cli;

import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.link.serial.SerialPorts;
import io.edgedeck.link.serial.UsbBridge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "Lists serial ports with their USB VID:PID and the bridge chip's name (CP210x, CH340, FTDI, "
                + "Espressif USB-Serial/JTAG); ESP-typical bridges first.")
public final class PortsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PortInfo> ports = SerialPorts.list();
        if (ports.isEmpty()) {
            out.println("No serial ports found. Plug the board in (a data cable, not a charge-only one).");
        } else {
            int width = Math.max(4, ports.stream().mapToInt(p -> p.path().length()).max().orElse(4));
            out.printf("%-" + width + "s  %-9s  %s%n", "PORT", "USB ID", "DEVICE");
            for (PortInfo p : ports) {
                String name = p.bridge().map(UsbBridge::friendlyName)
                        .orElse(p.description() == null || p.description().isBlank() ? "-" : p.description());
                out.printf("%-" + width + "s  %-9s  %s%n", p.path(), p.isUsb() ? p.usbId() : "-", name);
            }
        }
        out.println("Pseudo-terminals (/dev/pts/N) are not listed but can be opened by path: --port /dev/pts/5");
        out.flush();
        return ExitCodes.OK;
    }
}
