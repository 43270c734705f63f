package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.ops.BoardAccess;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.link.serial.SerialPorts;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the Flash screen flashes with: how boards are reached (the same {@link BoardAccess} the CLI's operations use),
 * the port lister and the thread a flash runs on. The app uses {@link #system()}; tests pass a {@code SimBoard}'s
 * access and a fixed port list.
 */
public record FlashBackend(BoardAccess boards, Supplier<List<PortInfo>> ports, Executor flashThread) {
    public FlashBackend {
        Objects.requireNonNull(boards, "boards");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(flashThread, "flashThread");
    }

    /** Real serial ports (jSerialComm), one new daemon thread per flash. */
    public static FlashBackend system() {
        return new FlashBackend(BoardAccess.system(), SerialPorts::list, FlashViewModel.dedicatedThread());
    }
}
