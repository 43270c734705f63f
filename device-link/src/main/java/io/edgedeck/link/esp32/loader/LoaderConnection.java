package io.edgedeck.link.esp32.loader;

import io.edgedeck.link.serial.SerialException;
import io.edgedeck.link.serial.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A conversation with the ESP32 ROM loader over one {@link SerialLink}: reset into download mode, SYNC, typed
 * commands with their timeouts, chip detection, SPI attach, baud change. Serial failures become
 * {@link FlashException}s. Closing the connection closes the link.
 */
public final class LoaderConnection implements AutoCloseable {

    public static final int ROM_BAUD = 115_200;
    /** esptool tries 7 resets, each with up to 5 SYNCs. */
    public static final int DEFAULT_CONNECT_ATTEMPTS = 7;

    private static final Logger LOG = LoggerFactory.getLogger(LoaderConnection.class);
    private static final int SYNC_TRIES_PER_RESET = 5;
    private static final int UART_CLKDIV_REG = 0x3FF40014;
    private static final int UART_CLKDIV_MASK = 0xFFFFF;
    private static final int EFUSE_BASE = Esp32Efuses.EFUSE_BASE;

    /** SPI1, the controller wired to the flash chip, and its user-command registers (ESP32 layout). */
    public static final int SPI1_BASE = 0x3FF42000;
    public static final int SPI_CMD_REG = SPI1_BASE;
    public static final int SPI_USR_REG = SPI1_BASE + 0x1C;
    public static final int SPI_USR2_REG = SPI1_BASE + 0x24;
    public static final int SPI_MOSI_DLEN_REG = SPI1_BASE + 0x28;
    public static final int SPI_MISO_DLEN_REG = SPI1_BASE + 0x2C;
    public static final int SPI_W0_REG = SPI1_BASE + 0x80;
    /** SPI_CMD_REG: starts the user command; the hardware clears it when done. */
    public static final int SPI_CMD_USR = 1 << 18;
    public static final int SPI_USR_COMMAND = 1 << 31;
    public static final int SPI_USR_MISO = 1 << 28;
    private static final int SPI_USR2_COMMAND_LEN_SHIFT = 28;
    /** JEDEC "read identification": manufacturer, memory type, capacity. */
    public static final int SPIFLASH_RDID = 0x9F;
    private static final int SPI_DONE_POLLS = 10;

    private final SerialLink link;
    private final SlipDecoder decoder = new SlipDecoder();
    private final byte[] rx = new byte[4096];
    private int rxPos;
    private int rxLen;
    private int garbledFrames;
    private boolean controlLinesMissing;

    public LoaderConnection(SerialLink link) {
        this.link = link;
    }

    public SerialLink link() {
        return link;
    }

    /**
     * Resets the chip into download mode (when the strategy and the port allow) and SYNCs.
     *
     * @throws FlashException NO_ANSWER with a hint drawn from the boot text the board printed, if any
     */
    public void connect(ResetStrategy reset, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                if (!controlLinesMissing) {
                    reset.enterDownloadMode(link, attempt);
                }
            } catch (SerialException e) {
                if (e.reason() != SerialException.Reason.UNSUPPORTED) {
                    throw Errors.fromSerial(e);
                }
                controlLinesMissing = true;
                LOG.warn("{}: cannot reset the board ({}); trying to talk to it as it is", link.description(), e.getMessage());
            }
            try {
                if (attempt == 0) {
                    decoder.clearNoise();
                }
                drainInput();
                for (int i = 0; i < SYNC_TRIES_PER_RESET; i++) {
                    if (trySync()) {
                        LOG.debug("{}: synced after {} reset(s) ({})", link.description(), attempt + 1, reset.name());
                        return;
                    }
                    Pause.millis(50);
                }
            } catch (SerialException e) {
                throw Errors.fromSerial(e);
            }
        }
        throw noAnswer(reset);
    }

    private FlashException noAnswer(ResetStrategy reset) {
        String boot = decoder.noise();
        String detail;
        if (boot.contains("boot:0x13") || boot.contains("SPI_FAST_FLASH_BOOT")) {
            detail = "The board on " + link.description() + " booted its firmware instead of the download mode"
                    + " (boot:0x13 means GPIO0 was not low at reset)";
        } else if (controlLinesMissing) {
            detail = "The board on " + link.description() + " did not answer, and this port cannot reset it (no DTR/RTS):"
                    + " put it into download mode by hand";
        } else if (!boot.isBlank()) {
            detail = "The board on " + link.description() + " printed text but did not answer the loader: \""
                    + lastLine(boot) + "\"";
        } else {
            detail = "The board on " + link.description() + " did not answer (reset: " + reset.name() + ")";
        }
        return new FlashException(FlashException.Code.NO_ANSWER, detail);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("[\r\n]+");
        String last = lines[lines.length - 1];
        return last.length() > 120 ? last.substring(last.length() - 120) : last;
    }

    /** Discards pending input, but lets the decoder see it so boot text is kept for the error message. */
    private void drainInput() {
        rxPos = rxLen = 0;
        byte[] buf = new byte[4096];
        int n;
        while ((n = link.read(buf, 0, buf.length, Duration.ofMillis(1))) > 0) {
            for (int i = 0; i < n; i++) {
                decoder.feed(buf[i]);
            }
        }
        decoder.reset();
    }

    private boolean trySync() {
        try {
            execute(new Command.Sync());
        } catch (FlashException e) {
            if (e.code() == FlashException.Code.TIMEOUT || e.code() == FlashException.Code.CORRUPT_REPLY
                    || e.code() == FlashException.Code.BAD_STATUS) {
                return false;
            }
            throw e;
        }
        // the ROM answers SYNC eight times: drain the other seven so they do not stand in for later answers
        for (int i = 0; i < 7; i++) {
            if (nextFrame(System.nanoTime() + Opcode.SYNC.defaultTimeout().toNanos()) == null) {
                break;
            }
        }
        return true;
    }

    /** Sends a command and returns its response; a failure status becomes BAD_STATUS. */
    public Response execute(Command command) {
        return execute(command, command.timeout());
    }

    public Response execute(Command command, Duration timeout) {
        Response r = exchange(command, timeout);
        if (!r.ok()) {
            throw badStatus(command, r);
        }
        return r;
    }

    /** The BAD_STATUS failure for a response with a failure status. */
    public static FlashException badStatus(Command command, Response r) {
        RomError e = r.romError();
        return new FlashException(FlashException.Code.BAD_STATUS, "The ROM loader answered " + command.opcode()
                + " with error 0x" + Integer.toHexString(r.error()) + " " + e.name() + " (" + e.meaning() + ")");
    }

    /** Sends a command and returns its response whatever its status. */
    public Response exchange(Command command, Duration timeout) {
        try {
            link.write(Slip.encode(Packets.request(command)));
            int garbledBefore = garbledFrames;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                byte[] frame = nextFrame(deadline);
                if (frame == null) {
                    if (garbledFrames > garbledBefore) {
                        throw new FlashException(FlashException.Code.CORRUPT_REPLY,
                                "The answer to " + command.opcode() + " on " + link.description() + " was garbled");
                    }
                    throw new FlashException(FlashException.Code.TIMEOUT, "No answer to " + command.opcode() + " within "
                            + timeout.toMillis() + " ms on " + link.description());
                }
                Response r = Packets.parse(frame);
                if (r == null) {
                    if (frame.length > 0 && frame[0] == 0x01) {
                        garbledFrames++;
                    }
                    continue;
                }
                if (r.opcode() == command.opcode().code()) {
                    return r;
                }
                // a stale answer (late SYNC replies, an earlier command): skip it
            }
        } catch (SerialException e) {
            throw Errors.fromSerial(e);
        }
    }

    /** The next SLIP frame before the deadline, or null. */
    private byte[] nextFrame(long deadlineNanos) {
        while (true) {
            while (rxPos < rxLen) {
                byte[] frame = decoder.feed(rx[rxPos++]);
                if (frame != null) {
                    return frame;
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            rxPos = 0;
            rxLen = link.read(rx, 0, rx.length, Duration.ofNanos(Math.max(left, 1_000_000)));
        }
    }

    public long readReg(int address) {
        return execute(new Command.ReadReg(address)).value();
    }

    /**
     * Identifies the chip: the magic word at 0x40001000, then GET_SECURITY_INFO's chip id for newer chips.
     *
     * @throws FlashException WRONG_CHIP when nothing matches
     */
    public Chip detectChip() {
        long magic = readReg(Chip.DETECT_REGISTER);
        Chip chip = Chip.byMagic(magic);
        if (chip != null) {
            return chip;
        }
        Response r = exchange(new Command.GetSecurityInfo(), Opcode.GET_SECURITY_INFO.defaultTimeout());
        if (r.ok() && r.data().length >= 16) {
            int id = (r.data()[12] & 0xFF) | (r.data()[13] & 0xFF) << 8 | (r.data()[14] & 0xFF) << 16
                    | (r.data()[15] & 0xFF) << 24;
            Chip byId = Chip.byChipId(id);
            if (byId != null) {
                return byId;
            }
        }
        throw new FlashException(FlashException.Code.WRONG_CHIP,
                String.format("Unknown chip on %s (magic 0x%08X)", link.description(), magic));
    }

    /** The factory MAC from eFuse words 1 and 2, as {@code aa:bb:cc:dd:ee:ff}. */
    public String readMac() {
        long w1 = readReg(EFUSE_BASE + 4);
        long w2 = readReg(EFUSE_BASE + 8);
        byte[] mac = {(byte) (w2 >> 8), (byte) w2, (byte) (w1 >> 24), (byte) (w1 >> 16), (byte) (w1 >> 8), (byte) w1};
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /** The crystal, 40 or 26 MHz, estimated from the UART divider the ROM set up for the current baud rate. */
    public int crystalMhz() {
        long div = readReg(UART_CLKDIV_REG) & UART_CLKDIV_MASK;
        double mhz = link.baudRate() * (double) div / 1e6;
        return mhz > 33 ? 40 : 26;
    }

    /** Detect; for an ESP32 also read MAC, crystal, revision and package. */
    public ChipInfo describe() {
        Chip chip = detectChip();
        if (chip != Chip.ESP32) {
            return new ChipInfo(chip, "", 0);
        }
        Esp32Efuses efuses = new Esp32Efuses(this);
        ChipRevision revision = efuses.revision();
        return new ChipInfo(chip, readMac(), crystalMhz(), Optional.of(revision), efuses.model(revision));
    }

    /**
     * Runs one SPI flash command that sends no data and reads up to 32 bits back, through SPI1's user-command
     * registers (READ_REG/WRITE_REG only, so it works on the ROM loader): data lengths, USR flags, the 8-bit command in
     * USR2, W0 cleared, the USR bit set in SPI_CMD_REG and polled until the hardware clears it, then W0 read. USR and
     * USR2 are restored afterwards so the ROM's own flash access keeps working.
     *
     * @throws FlashException TIMEOUT when the SPI controller never finishes
     */
    public long runSpiFlashCommand(int command, int readBits) {
        if (readBits < 0 || readBits > 32) {
            throw new IllegalArgumentException("An SPI flash command reads 0..32 bits here, not " + readBits);
        }
        int oldUsr = (int) readReg(SPI_USR_REG);
        int oldUsr2 = (int) readReg(SPI_USR2_REG);
        int flags = SPI_USR_COMMAND;
        if (readBits > 0) {
            flags |= SPI_USR_MISO;
            writeReg(SPI_MISO_DLEN_REG, readBits - 1);
        }
        writeReg(SPI_USR_REG, flags);
        writeReg(SPI_USR2_REG, 7 << SPI_USR2_COMMAND_LEN_SHIFT | (command & 0xFF));
        writeReg(SPI_W0_REG, 0);
        writeReg(SPI_CMD_REG, SPI_CMD_USR);
        boolean done = false;
        for (int i = 0; i < SPI_DONE_POLLS && !done; i++) {
            done = (readReg(SPI_CMD_REG) & SPI_CMD_USR) == 0;
        }
        if (!done) {
            throw new FlashException(FlashException.Code.TIMEOUT, String.format(
                    "The SPI flash command 0x%02X on %s did not complete", command, link.description()));
        }
        long result = readReg(SPI_W0_REG);
        writeReg(SPI_USR_REG, oldUsr);
        writeReg(SPI_USR2_REG, oldUsr2);
        return result;
    }

    public void writeReg(int address, int value) {
        execute(new Command.WriteReg(address, value, 0xFFFFFFFF, 0));
    }

    /** The flash chip's JEDEC id: manufacturer | memory type &lt;&lt; 8 | capacity &lt;&lt; 16. Needs SPI_ATTACH first. */
    public int flashId() {
        return (int) (runSpiFlashCommand(SPIFLASH_RDID, 24) & 0xFFFFFF);
    }

    /**
     * The flash size from the capacity byte of {@link #flashId()}, capped at the 16 MB the ROM can address; empty when
     * the id is not one of the usual capacity codes (no chip, a bus fault reading 0x000000/0xFFFFFF, an odd vendor).
     */
    public OptionalInt detectFlashSize() {
        int id = flashId();
        OptionalInt size = flashSizeOf(id);
        if (size.isPresent()) {
            LOG.debug("{}: flash id 0x{}: {} MB", link.description(), Integer.toHexString(id), size.getAsInt() >> 20);
        }
        return size;
    }

    /** The size a JEDEC id's capacity byte announces (0x12..0x18, and the 0x32..0x38 some vendors use), at most 16 MB. */
    public static OptionalInt flashSizeOf(int flashId) {
        int capacity = flashId >>> 16 & 0xFF;
        int log2;
        if (capacity >= 0x12 && capacity <= 0x1C) {
            log2 = capacity;
        } else if (capacity >= 0x32 && capacity <= 0x3A) {
            log2 = capacity - 0x20;
        } else {
            return OptionalInt.empty();
        }
        return OptionalInt.of(1 << Math.min(log2, 24)); // 0x18 = 2^24 = 16 MB; the ROM addresses no more
    }

    /** Required before any flash command, and again after every reset. */
    public void spiAttach() {
        execute(new Command.SpiAttach(0));
    }

    public void spiSetParams(int flashSize) {
        execute(new Command.SpiSetParams(flashSize));
    }

    /**
     * Switches both ends to {@code baud}. The ESP32 ROM sets its UART divider from the crystal frequency it
     * calculated at boot from the drifting internal 8 MHz clock, a few per cent off the real 40 (or 26) MHz; as esptool
     * does for the ESP32 ROM ({@code ESP32ROM.change_baud}), the rate sent is scaled by calculated / real crystal so the
     * real rate comes out right. The second word is 0 (only esptool's stub takes the old rate there). The ROM answers
     * at the old rate, then the port switches; 50 ms later the input is flushed. See docs/decisions/0003.
     */
    public void changeBaud(int baud) {
        if (baud == link.baudRate()) {
            return;
        }
        int sent = romBaudFor(baud, new Esp32Efuses(this).romCalculatedCrystalHz());
        execute(new Command.ChangeBaudrate(sent));
        try {
            link.setBaudRate(baud);
            Pause.millis(50);
            link.flushInput();
        } catch (SerialException e) {
            throw Errors.fromSerial(e);
        }
        rxPos = rxLen = 0;
        decoder.reset();
    }

    /**
     * The value CHANGE_BAUDRATE must carry so the ROM's UART runs at {@code baud}: {@code baud × calculated / real},
     * the real crystal being 40 MHz when the ROM's estimate is above 33 MHz, else 26 MHz (esptool's rule). An estimate of
     * 0 (registers that read as zero) leaves the rate as it is.
     */
    public static int romBaudFor(int baud, double romCalculatedCrystalHz) {
        if (romCalculatedCrystalHz <= 0) {
            return baud;
        }
        double real = romCalculatedCrystalHz > 33e6 ? 40e6 : 26e6;
        return (int) (baud * romCalculatedCrystalHz / real);
    }

    /** Reads up to 64 bytes with READ_FLASH_SLOW. */
    public byte[] readFlashSlow(int address, int length) {
        Response r = execute(new Command.ReadFlashSlow(address, length));
        return Arrays.copyOf(r.data(), length);
    }

    /** The ROM's MD5 of a flash range, 32 lowercase hex characters. */
    public String flashMd5(int address, int size) {
        Response r = execute(new Command.SpiFlashMd5(address, size));
        return new String(r.data(), StandardCharsets.US_ASCII).toLowerCase();
    }

    /**
     * Pulses EN through RTS so the firmware boots.
     *
     * @return false when the port has no control lines (the user must press EN)
     */
    public boolean hardReset() {
        try {
            link.setControlLines(false, true);
            Pause.millis(100);
            link.setControlLines(false, false);
            return true;
        } catch (SerialException e) {
            if (e.reason() == SerialException.Reason.UNSUPPORTED) {
                LOG.info("{}: cannot reset the board after flashing; press EN (RESET)", link.description());
                return false;
            }
            throw Errors.fromSerial(e);
        }
    }

    /** Text the board printed outside frames (boot messages). */
    public String bootText() {
        return decoder.noise();
    }

    @Override
    public void close() {
        link.close();
    }
}
