package io.edgedeck.link.serial;

import io.edgedeck.link.esp32.sim.SocatPtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SerialLinkTest {

    @Test
    void aReadCutShortBySignalIsNoDataYetButAFailedPortIsStillLost() {
        assertThat(JSerialLink.interruptedBySignal(false, JSerialLink.EINTR, 0)).as("Ctrl+C during a wait").isTrue();
        assertThat(JSerialLink.interruptedBySignal(false, JSerialLink.EINTR, -1)).as("the port no longer answers").isFalse();
        assertThat(JSerialLink.interruptedBySignal(false, 5 /* EIO: unplugged */, 0)).isFalse();
        assertThat(JSerialLink.interruptedBySignal(true, JSerialLink.EINTR, 0)).as("not an errno on Windows").isFalse();
    }

    @Test
    void missingPortIsNotFoundWithAHint() {
        assertThatThrownBy(() -> JSerialLink.open("/dev/ttyUSB-edgedeck-missing", 115_200))
                .isInstanceOfSatisfying(SerialException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SerialException.Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("/dev/ttyUSB-edgedeck-missing").contains("plugged in");
                });
    }

    @Test
    void unreadablePortIsPermissionWithTheDialoutHint(@TempDir Path dir) throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root may open anything: permission test skipped");
        Path fake = Files.createFile(dir.resolve("ttyFAKE"));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> JSerialLink.open(fake.toString(), 115_200))
                .isInstanceOfSatisfying(SerialException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SerialException.Reason.PERMISSION);
                    assertThat(e.getMessage()).contains("dialout").contains("udev");
                });
    }

    @Test
    void aPermissionProblemReachesTheFlasherWithWhatToDo() {
        SerialException denied = JSerialLink.permission("/dev/ttyUSB0");
        assertThat(denied.reason()).isEqualTo(SerialException.Reason.PERMISSION);
        var flash = io.edgedeck.link.esp32.loader.Errors.fromSerial(denied);
        assertThat(flash.code()).isEqualTo(io.edgedeck.link.esp32.loader.FlashException.Code.PERMISSION);
        assertThat(flash.getMessage()).startsWith("Permission denied on /dev/ttyUSB0. ")
                .contains("add yourself to the dialout group")
                .contains("install EdgeDeck's udev rule (70-edgedeck-serial.rules");
    }

    @Test
    void memoryPairCarriesBytesBothWaysAndTimesOutQuietly() {
        MemorySerialPair pair = new MemorySerialPair(115_200);
        pair.host().write(new byte[] {1, 2, 3});
        byte[] buf = new byte[8];
        assertThat(pair.device().read(buf, 0, 8, Duration.ofMillis(100))).isEqualTo(3);
        assertThat(buf).startsWith(1, 2, 3);
        long t0 = System.nanoTime();
        assertThat(pair.host().read(buf, 0, 8, Duration.ofMillis(30))).isZero();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(25_000_000L);
    }

    @Test
    void memoryPairThrottlesToTheBaudRate() {
        MemorySerialPair pair = new MemorySerialPair(115_200).throttled(true);
        byte[] data = new byte[2304]; // 0.2 s at 11,520 B/s
        long t0 = System.nanoTime();
        pair.host().write(data);
        byte[] buf = new byte[4096];
        int got = 0;
        while (got < data.length) {
            got += pair.device().read(buf, 0, buf.length, Duration.ofSeconds(1));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        assertThat(s).isBetween(0.19, 0.5);
    }

    @Test
    void memoryPairGarblesBytesWhenTheBaudRatesDisagree() {
        MemorySerialPair pair = new MemorySerialPair(115_200);
        pair.device().setBaudRate(921_600);
        pair.host().write(new byte[] {0x41, 0x42});
        byte[] buf = new byte[2];
        pair.device().read(buf, 0, 2, Duration.ofMillis(100));
        assertThat(buf).isNotEqualTo(new byte[] {0x41, 0x42});
    }

    @Test
    void pulledCableFailsBothEndsAsLost() {
        MemorySerialPair pair = new MemorySerialPair(115_200).cutAfterHostBytes(10);
        assertThatThrownBy(() -> pair.host().write(new byte[20])).isInstanceOfSatisfying(SerialException.class,
                e -> assertThat(e.reason()).isEqualTo(SerialException.Reason.LOST));
        assertThatThrownBy(() -> pair.device().read(new byte[4], 0, 4, Duration.ofMillis(10)))
                .isInstanceOfSatisfying(SerialException.class, e -> assertThat(e.reason()).isEqualTo(SerialException.Reason.LOST));
        assertThat(pair.bytesHostToDevice()).isEqualTo(10);
    }

    @Test
    void pseudoTerminalsOpenByPathAndHaveNoControlLines() throws Exception {
        assumeTrue(SocatPtyPair.available(), "socat is not installed: pseudo-terminal test skipped");
        try (SocatPtyPair ptys = SocatPtyPair.start();
             JSerialLink a = JSerialLink.open(ptys.hostPath(), 115_200);
             JSerialLink b = JSerialLink.open(ptys.devicePath(), 115_200)) {
            a.write(new byte[] {(byte) 0xC0, 0x11, (byte) 0xC0});
            byte[] buf = new byte[3];
            int got = 0;
            while (got < 3) {
                int n = b.read(buf, got, 3 - got, Duration.ofSeconds(1));
                assertThat(n).isPositive();
                got += n;
            }
            assertThat(buf).containsExactly(0xC0, 0x11, 0xC0);
            assertThat(a.hasControlLines()).isFalse();
            // a second opener is refused: jSerialComm takes an exclusive lock
            assertThatThrownBy(() -> JSerialLink.open(ptys.hostPath(), 115_200)).isInstanceOfSatisfying(
                    SerialException.class, e -> {
                        assertThat(e.reason()).isEqualTo(SerialException.Reason.BUSY);
                        assertThat(e.getMessage()).contains("in use");
                    });
            assertThatThrownBy(() -> a.setControlLines(true, false)).isInstanceOfSatisfying(SerialException.class,
                    e -> assertThat(e.reason()).isEqualTo(SerialException.Reason.UNSUPPORTED));
        }
    }

    @Test
    void knownBridgesGetFriendlyNames() {
        PortInfo cp = new PortInfo("ttyUSB0", "/dev/ttyUSB0", 0x10C4, 0xEA60, "CP2102 USB to UART");
        assertThat(cp.displayName()).isEqualTo("/dev/ttyUSB0 — Silicon Labs CP210x (10C4:EA60)");
        assertThat(new PortInfo("ttyACM0", "/dev/ttyACM0", 0x303A, 0x1001, "").bridge())
                .contains(UsbBridge.ESPRESSIF_USB_JTAG);
        assertThat(UsbBridge.of(0x1A86, 0x55D4)).contains(UsbBridge.CH9102);
        assertThat(UsbBridge.of(0x0403, 0x6015)).contains(UsbBridge.FT231X);
        assertThat(new PortInfo("ttyS0", "/dev/ttyS0", -1, -1, "Physical Port").displayName())
                .isEqualTo("/dev/ttyS0 — Physical Port");
        assertThat(SerialPorts.list()).allSatisfy(p -> assertThat(p.path()).isNotBlank());
    }
}
