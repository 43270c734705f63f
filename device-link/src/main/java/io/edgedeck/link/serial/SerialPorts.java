package io.edgedeck.link.serial;

import com.fazecast.jSerialComm.SerialPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lists serial ports (pseudo-terminals are not listed: open them by path with {@link JSerialLink#open}). */
public final class SerialPorts {

    private SerialPorts() {
    }

    /** All ports the OS reports, ESP-typical USB bridges first, then by path. */
    public static List<PortInfo> list() {
        List<PortInfo> out = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            out.add(new PortInfo(p.getSystemPortName(), p.getSystemPortPath(), p.getVendorID(), p.getProductID(),
                    p.getPortDescription()));
        }
        out.sort(Comparator.comparing((PortInfo p) -> p.bridge().isEmpty()).thenComparing(PortInfo::path));
        return out;
    }
}
