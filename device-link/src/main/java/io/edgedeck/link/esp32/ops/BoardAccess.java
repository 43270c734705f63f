package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.Esp32Flasher;
import io.edgedeck.link.esp32.flash.LinkOpener;
import io.edgedeck.link.esp32.loader.LoaderConnection;

/**
 * How the operations reach boards: the link opener (real ports, or an in-memory cable in tests) and how many
 * reset-and-SYNC attempts a connection makes before giving up.
 */
public record BoardAccess(LinkOpener opener, int connectAttempts) {

    public BoardAccess {
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connect attempts must be at least 1, not " + connectAttempts);
        }
    }

    /** Real serial ports (and pseudo-terminals by path), esptool's 7 connection attempts. */
    public static BoardAccess system() {
        return system(LoaderConnection.DEFAULT_CONNECT_ATTEMPTS);
    }

    public static BoardAccess system(int connectAttempts) {
        return new BoardAccess(Esp32Flasher.systemPorts(), connectAttempts);
    }

    /** The flash package's facade over the same ports (chip info, plain flash, read flash). */
    public Esp32Flasher flasher() {
        return new Esp32Flasher(opener, connectAttempts);
    }
}
