package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.flash.Esp32Flasher;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.link.serial.SerialPorts;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the Flash screen flashes with: the flasher, the port lister and the thread a flash runs on. The app uses
 * {@link #system()}; tests pass a {@code SimBoard}'s flasher and a fixed port list.
 */
public record FlashBackend(Esp32Flasher flasher, Supplier<List<PortInfo>> ports, Executor flashThread) {
    public FlashBackend {
        Objects.requireNonNull(flasher, "flasher");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(flashThread, "flashThread");
    }

    /** Real serial ports (jSerialComm), one new daemon thread per flash. */
    public static FlashBackend system() {
        return new FlashBackend(new Esp32Flasher(), SerialPorts::list, FlashViewModel.dedicatedThread());
    }
}
