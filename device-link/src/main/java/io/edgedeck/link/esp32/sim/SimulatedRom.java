package io.edgedeck.link.esp32.sim;

import io.edgedeck.link.esp32.loader.Command;
import io.edgedeck.link.esp32.loader.Opcode;
import io.edgedeck.link.esp32.loader.Slip;
import io.edgedeck.link.esp32.loader.SlipDecoder;
import io.edgedeck.link.serial.SerialException;
import io.edgedeck.link.serial.SerialLink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A simulated ESP32 ROM serial loader (no stub) behind a {@link SerialLink}: it checks data checksums and sequence
 * numbers, erases and writes a flash array (4 MiB unless {@link #withFlashId} names another size; inflating compressed
 * data), answers MD5 as 32 hex characters and 4 status bytes, SYNC eight times, READ_REG with the chip magic,
 * the MAC, the revision (eFuse words 3 and 5, APB_CTL_DATE) and the ROM's crystal estimate, READ_FLASH_SLOW, and the RDID flash command through SPI1's user-command registers. A data block that repeats the
 * last accepted sequence number with the same bytes (the host resending after a lost reply) is answered as before
 * without being used again: a plain block rewrites the same bytes, a compressed one does not reach the inflater twice. It can reset through DTR/RTS and
 * inject faults. Runs on its own daemon thread between {@link #start()} and {@link #close()}.
 */
public final class SimulatedRom implements AutoCloseable {

    public static final int ESP32_MAGIC = 0x00F01D83;
    public static final int ESP8266_MAGIC = 0xFFF0C101;
    public static final int FLASH_SIZE = 4 * 1024 * 1024;
    /** The default flash chip: a GigaDevice GD25Q32 (manufacturer 0xC8, type 0x40, capacity 0x16 = 4 MB). */
    public static final int DEFAULT_FLASH_ID = 0x1640C8;
    public static final String DOWNLOAD_BOOT_TEXT = "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3"
            + " (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n";
    public static final String FLASH_BOOT_TEXT = "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13"
            + " (SPI_FAST_FLASH_BOOT)\r\nI (31) boot: ESP-IDF v5.2 2nd stage bootloader\r\n";

    private static final int ERR_INVALID = 0x05;
    private static final int ERR_FAILED = 0x06;
    private static final int ERR_CHECKSUM = 0x07;
    private static final int ERR_FLASH_WRITE = 0x08;
    private static final int ERR_INFLATE = 0x0B;
    private static final int SECTOR = 4096;

    private final SerialLink link;
    private byte[] flash = new byte[FLASH_SIZE];
    private final SlipDecoder decoder = new SlipDecoder();
    private final List<Integer> opcodes = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    // chip
    private volatile int magic = ESP32_MAGIC;
    private volatile int crystalMhz = 40;
    /** The crystal frequency the ROM calculated at boot from its 8 MHz clock; it sets the UART divider from it. */
    private volatile double romCrystalHz = 40e6;
    private final long efuseWord1 = 0xA1B2C3D4L;
    private final long efuseWord2 = 0x0000240AL;
    /** eFuse word 4 bits 0–7: the 8 MHz clock trim that enters the ROM's crystal calculation. */
    private static final int CK8M_TRIM = 128;
    private volatile int revisionMajor = 3;
    private volatile int revisionMinor = 0;
    /** Package field of eFuse word 3 (bits 9–11): 1 = ESP32-D0WD(-V3). */
    private static final int PACKAGE_D0WD = 1;

    // SPI1 user-command registers (0x3FF42000..0x3FF420FF): what WRITE_REG stored, answered by READ_REG
    private static final int SPI1_BASE = 0x3FF42000;
    private static final int SPI_USR_OFFS = 0x1C;
    private static final int SPI_USR2_OFFS = 0x24;
    private static final int SPI_MISO_DLEN_OFFS = 0x2C;
    private static final int SPI_W0_OFFS = 0x80;
    private static final int SPI_CMD_USR = 1 << 18;
    private static final int SPI_USR_COMMAND = 1 << 31;
    private static final int SPI_USR_MISO = 1 << 28;
    private final int[] spi1 = new int[64];
    private volatile int flashId = DEFAULT_FLASH_ID;
    private volatile int spiParamsSize = -1;

    // download mode and reset circuit
    private volatile boolean inLoader = true;
    private volatile boolean gpio0StuckHigh;
    private volatile boolean enLow;
    private volatile boolean gpio0Low;
    private volatile boolean usbJtag;
    private volatile boolean lastRts;

    // flash session
    private boolean attached;
    private enum Mode { NONE, PLAIN, DEFLATE }
    private Mode mode = Mode.NONE;
    private int sessionOffset;
    private int sessionErase;
    private int sessionBlocks;
    private int sessionBlockSize;
    private int expectedSeq;
    private int written;
    private Inflater inflater;
    private byte[] lastBlock;
    private int lastBlockError;
    private volatile int resentBlocks;

    // faults
    private volatile boolean silent;
    private volatile int stallAfterCommands = Integer.MAX_VALUE;
    private volatile int corruptRepliesFrom = Integer.MAX_VALUE;
    private volatile boolean corruptFlashBeforeMd5;
    private volatile long dropAfterBytes = Long.MAX_VALUE;
    private volatile int flashDataDelayMs;
    private volatile int dropReplySeq = -1;
    private volatile int dropReplyTimes;
    private volatile int garbleReplySeq = -1;
    private volatile int damageBlockSeq = -1;
    private volatile int damageBlockTimes;
    private volatile int failBlockSeq = -1;
    private volatile int failBlockTimes;
    private long bytesReceived;
    private int replies;

    public SimulatedRom(SerialLink link) {
        this.link = link;
        Arrays.fill(flash, (byte) 0xFF);
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    /** Pretends to be another chip: the word READ_REG 0x40001000 returns. */
    public SimulatedRom withMagic(int magic) {
        this.magic = magic;
        return this;
    }

    /**
     * The JEDEC id RDID (0x9F) answers: manufacturer | type &lt;&lt; 8 | capacity &lt;&lt; 16. A capacity byte of 0x14..0x18
     * also sizes the simulated flash (1..16 MB); any other id leaves it at 4 MB.
     */
    public synchronized SimulatedRom withFlashId(int jedecId) {
        this.flashId = jedecId & 0xFFFFFF;
        int capacity = jedecId >>> 16 & 0xFF;
        int size = capacity >= 0x14 && capacity <= 0x18 ? 1 << capacity : FLASH_SIZE;
        if (size != flash.length) {
            flash = new byte[size];
            Arrays.fill(flash, (byte) 0xFF);
        }
        return this;
    }

    /** The real crystal; the ROM's own estimate of it is then exact, unless {@link #withRomCrystalEstimate} says otherwise. */
    public SimulatedRom withCrystal(int mhz) {
        this.crystalMhz = mhz;
        this.romCrystalHz = mhz * 1e6;
        return this;
    }

    /**
     * The crystal frequency the ROM calculated at boot (its 8 MHz reference drifts, so a 40 MHz board may believe
     * 40.8 MHz). CHANGE_BAUDRATE then runs the UART at requested × real / estimate, as the chip does. Answered through
     * RTCCALICFG1 and eFuse word 4 as the real chip does.
     */
    public SimulatedRom withRomCrystalEstimate(double hz) {
        this.romCrystalHz = hz;
        return this;
    }

    /** The silicon revision the eFuses and APB_CTL_DATE report (v3.0 unless set): major 0..3, minor 0..3. */
    public SimulatedRom withRevision(int major, int minor) {
        if (major < 0 || major > 3 || minor < 0 || minor > 3) {
            throw new IllegalArgumentException("an ESP32 revision is v0.0 .. v3.3, not v" + major + "." + minor);
        }
        this.revisionMajor = major;
        this.revisionMinor = minor;
        return this;
    }

    /** Starts running its firmware: only a DTR/RTS reset with GPIO0 low brings it into the loader. */
    public SimulatedRom runningFirmware() {
        this.inLoader = false;
        return this;
    }

    /** Decodes DTR/RTS like the Espressif USB-Serial/JTAG peripheral instead of the two-transistor circuit. */
    public SimulatedRom usbJtagSerial() {
        this.usbJtag = true;
        return this;
    }

    /** GPIO0 never goes low (a board without auto-reset transistors): resets boot the firmware. */
    public SimulatedRom gpio0StuckHigh() {
        this.gpio0StuckHigh = true;
        return this;
    }

    /** Never answers anything. */
    public SimulatedRom silent() {
        this.silent = true;
        return this;
    }

    /** Stops answering after this many commands (a brown-out mid-write). */
    public SimulatedRom stallAfterCommands(int n) {
        this.stallAfterCommands = n;
        return this;
    }

    /** From the n-th reply on, one byte in the middle of every reply is lost. */
    public SimulatedRom corruptRepliesFrom(int n) {
        this.corruptRepliesFrom = n;
        return this;
    }

    /** Flips one byte of the flash range just before computing the first MD5. */
    public SimulatedRom corruptFlashBeforeMd5() {
        this.corruptFlashBeforeMd5 = true;
        return this;
    }

    /** Closes its end of the link after receiving this many bytes (cable pulled). */
    public SimulatedRom dropAfterBytes(long n) {
        this.dropAfterBytes = n;
        return this;
    }

    /** Sleeps this long for every data block (slow flash writes). */
    public SimulatedRom flashDataDelay(int ms) {
        this.flashDataDelayMs = ms;
        return this;
    }

    /** Takes block {@code seq} (FLASH_DATA / FLASH_DEFL_DATA, any region) but loses its reply, once. */
    public SimulatedRom dropReplyToBlock(int seq) {
        return dropReplyToBlock(seq, 1);
    }

    /** Takes block {@code seq} but loses the replies to it (and to its resends) {@code times} times. */
    public SimulatedRom dropReplyToBlock(int seq, int times) {
        this.dropReplySeq = seq;
        this.dropReplyTimes = times;
        return this;
    }

    /** Takes block {@code seq} but garbles its reply (one byte lost), once. */
    public SimulatedRom garbleReplyToBlock(int seq) {
        this.garbleReplySeq = seq;
        return this;
    }

    /**
     * Block {@code seq} arrives damaged {@code times} times: the ROM answers bad checksum (0x07) and does not use it.
     */
    public SimulatedRom damageBlock(int seq, int times) {
        this.damageBlockSeq = seq;
        this.damageBlockTimes = times;
        return this;
    }

    /** Block {@code seq} fails with a flash write error (0x08) {@code times} times, without being taken. */
    public SimulatedRom failBlock(int seq, int times) {
        this.failBlockSeq = seq;
        this.failBlockTimes = times;
        return this;
    }

    // ---- observation ---------------------------------------------------------------------------------------------

    public byte[] flash() {
        return flash;
    }

    public void preload(int offset, byte[] data) {
        System.arraycopy(data, 0, flash, offset, data.length);
    }

    /** The total size the last SPI_SET_PARAMS announced, -1 before any. */
    public int spiParamsSize() {
        return spiParamsSize;
    }

    /** Data blocks that repeated the last accepted sequence number and were answered without being used again. */
    public int resentBlocks() {
        return resentBlocks;
    }

    /** Opcodes received, in order. */
    public List<Integer> opcodes() {
        return opcodes;
    }

    public long count(Opcode op) {
        return opcodes.stream().filter(o -> o == op.code()).count();
    }

    public boolean inLoader() {
        return inLoader;
    }

    /**
     * The reset circuit: DTR asserted with RTS released pulls GPIO0 low, RTS asserted with DTR released pulls EN low.
     * Releasing EN boots: into the loader when GPIO0 is low, else into the firmware.
     */
    public void controlLines(boolean dtr, boolean rts) {
        if (usbJtag) {
            // the USB-Serial/JTAG peripheral: RTS rising latches DTR as the boot pin, RTS falling releases reset
            if (rts && !lastRts) {
                gpio0Low = dtr && !gpio0StuckHigh;
            } else if (!rts && lastRts) {
                boot(gpio0Low);
            }
            lastRts = rts;
            return;
        }
        boolean newEnLow = rts && !dtr;
        boolean newGpio0Low = dtr && !rts && !gpio0StuckHigh;
        if (enLow && !newEnLow) {
            boot(newGpio0Low);
        }
        enLow = newEnLow;
        gpio0Low = newGpio0Low;
    }

    private void boot(boolean download) {
        inLoader = download;
        synchronized (this) {
            mode = Mode.NONE;
            attached = false;
            link.setBaudRate(115_200);
        }
        byte[] text = (download ? DOWNLOAD_BOOT_TEXT : FLASH_BOOT_TEXT).getBytes(StandardCharsets.US_ASCII);
        try {
            link.write(text);
        } catch (SerialException e) {
            // the host is gone
        }
    }

    // ---- run -----------------------------------------------------------------------------------------------------

    public SimulatedRom start() {
        running = true;
        thread = new Thread(this::run, "simulated-esp32-rom");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        byte[] buf = new byte[8192];
        try {
            while (running) {
                int n = link.read(buf, 0, buf.length, Duration.ofMillis(50));
                for (int i = 0; i < n && running; i++) {
                    if (++bytesReceived > dropAfterBytes) {
                        running = false;
                        link.close();
                        return;
                    }
                    byte[] frame = decoder.feed(buf[i]);
                    if (frame != null && inLoader && !silent) {
                        handle(frame);
                    }
                }
            }
        } catch (SerialException e) {
            // link closed or cut: the simulated board is gone
        }
    }

    private synchronized void handle(byte[] frame) {
        if (frame.length < 8 || frame[0] != 0x00) {
            return;
        }
        ByteBuffer req = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int op = frame[1] & 0xFF;
        int size = req.getShort(2) & 0xFFFF;
        int checksum = req.getInt(4);
        if (frame.length != 8 + size) {
            return; // the ROM drops malformed packets silently
        }
        opcodes.add(op);
        if (opcodes.size() > stallAfterCommands) {
            return;
        }
        ByteBuffer data = ByteBuffer.wrap(frame, 8, size).slice().order(ByteOrder.LITTLE_ENDIAN);
        Opcode opcode = Opcode.of(op);
        if (opcode == null) {
            reply(op, 0, new byte[0], ERR_INVALID);
            return;
        }
        switch (opcode) {
            case SYNC -> {
                boolean valid = size == 36 && frame[8] == 0x07 && frame[9] == 0x07 && frame[10] == 0x12 && frame[11] == 0x20;
                if (valid) {
                    for (int i = 0; i < 8; i++) {
                        reply(op, 0, new byte[0], 0);
                    }
                }
            }
            case READ_REG -> reply(op, readReg(data.getInt(0)), new byte[0], 0);
            case WRITE_REG -> {
                // (address, value, mask, delay_us) × n
                for (int i = 0; i + 16 <= size; i += 16) {
                    writeReg(data.getInt(i), data.getInt(i + 4), data.getInt(i + 8));
                }
                reply(op, 0, new byte[0], 0);
            }
            case SPI_SET_PARAMS -> {
                if (size >= 8) {
                    spiParamsSize = data.getInt(4);
                }
                reply(op, 0, new byte[0], 0);
            }
            case SPI_ATTACH -> {
                if (size != 8) {
                    reply(op, 0, new byte[0], ERR_INVALID);
                } else {
                    attached = true;
                    reply(op, 0, new byte[0], 0);
                }
            }
            case CHANGE_BAUDRATE -> {
                int requested = data.getInt(0);
                reply(op, 0, new byte[0], 0);
                // the ROM computes its divider from its own crystal estimate: the real rate is off by real / estimate
                link.setBaudRate((int) Math.round(requested * (crystalMhz * 1e6) / romCrystalHz));
            }
            case FLASH_BEGIN, FLASH_DEFL_BEGIN -> begin(op, opcode == Opcode.FLASH_DEFL_BEGIN, data);
            case FLASH_DATA, FLASH_DEFL_DATA -> data(op, opcode == Opcode.FLASH_DEFL_DATA, data, size, checksum);
            case FLASH_END, FLASH_DEFL_END -> {
                mode = Mode.NONE;
                reply(op, 0, new byte[0], 0);
                if (data.getInt(0) == 1) {
                    inLoader = false;
                }
            }
            case SPI_FLASH_MD5 -> md5(op, data.getInt(0), data.getInt(4));
            case READ_FLASH_SLOW -> {
                int addr = data.getInt(0);
                int len = data.getInt(4);
                if (len > 64 || addr < 0 || addr + len > flash.length) {
                    reply(op, 0, new byte[64], ERR_FAILED);
                } else {
                    byte[] out = new byte[64];
                    System.arraycopy(flash, addr, out, 0, len);
                    reply(op, 0, out, 0);
                }
            }
            default -> reply(op, 0, new byte[opcode.responseDataLength()], ERR_INVALID);
        }
    }

    private long readReg(int address) {
        return switch (address) {
            case 0x40001000 -> magic & 0xFFFFFFFFL;
            case 0x3FF40014 -> Math.round(crystalMhz * 1e6 / link.baudRate());
            case 0x3FF5A004 -> efuseWord1;
            case 0x3FF5A008 -> efuseWord2;
            case 0x3FF5A00C -> efuseWord3();
            case 0x3FF5A010 -> CK8M_TRIM;
            case 0x3FF5A014 -> efuseWord5();
            case 0x3FF6607C -> revisionMajor == 3 ? 1L << 31 : 0; // APB_CTL_DATE: revision bit 2
            case 0x3FF5F06C -> (Math.round(romCrystalHz * 40 / (15625.0 * CK8M_TRIM)) & 0x01FFFFFF) << 7; // RTCCALICFG1
            default -> isSpi1(address) ? spi1[(address - SPI1_BASE) / 4] & 0xFFFFFFFFL : 0;
        };
    }

    /** Revision bit 0 (bit 15, set from v1 on) and the package (bits 9–11). */
    private long efuseWord3() {
        return (revisionMajor >= 1 ? 1L << 15 : 0) | PACKAGE_D0WD << 9;
    }

    /** Revision bit 1 (bit 20, set from v2 on) and the minor revision (bits 24–25). */
    private long efuseWord5() {
        return (revisionMajor >= 2 ? 1L << 20 : 0) | (long) revisionMinor << 24;
    }

    private static boolean isSpi1(int address) {
        return address >= SPI1_BASE && address < SPI1_BASE + 0x100 && address % 4 == 0;
    }

    /**
     * Stores SPI1 register writes; setting the USR bit in SPI_CMD_REG runs the user command at once and clears the bit
     * (a real controller takes microseconds). Only RDID is understood: with MISO enabled it puts the JEDEC id in W0,
     * as many bits as SPI_MISO_DLEN asks for. Other commands leave W0 as it was.
     */
    private void writeReg(int address, int value, int mask) {
        if (!isSpi1(address)) {
            return;
        }
        int i = (address - SPI1_BASE) / 4;
        spi1[i] = spi1[i] & ~mask | value & mask;
        if (i == 0 && (spi1[0] & SPI_CMD_USR) != 0) {
            int usr = spi1[SPI_USR_OFFS / 4];
            int command = spi1[SPI_USR2_OFFS / 4] & 0xFF;
            if ((usr & SPI_USR_COMMAND) != 0 && (usr & SPI_USR_MISO) != 0 && command == 0x9F) {
                int bits = (spi1[SPI_MISO_DLEN_OFFS / 4] & 0xFFFFFF) + 1;
                long mask32 = bits >= 32 ? 0xFFFFFFFFL : (1L << bits) - 1;
                spi1[SPI_W0_OFFS / 4] = (int) (flashId & mask32);
            }
            spi1[0] &= ~SPI_CMD_USR;
        }
    }

    private void begin(int op, boolean deflate, ByteBuffer data) {
        int erase = data.getInt(0);
        int blocks = data.getInt(4);
        int blockSize = data.getInt(8);
        int offset = data.getInt(12);
        if (!attached || offset < 0 || (long) offset + erase > flash.length || blockSize != 0x400) {
            reply(op, 0, new byte[0], ERR_FAILED);
            return;
        }
        int from = offset / SECTOR * SECTOR;
        int to = (int) Math.min(flash.length, ((long) offset + erase + SECTOR - 1) / SECTOR * SECTOR);
        Arrays.fill(flash, from, to, (byte) 0xFF);
        mode = deflate ? Mode.DEFLATE : Mode.PLAIN;
        sessionOffset = offset;
        sessionErase = erase;
        sessionBlocks = blocks;
        sessionBlockSize = blockSize;
        expectedSeq = 0;
        written = 0;
        lastBlock = null;
        inflater = deflate ? new Inflater() : null;
        reply(op, 0, new byte[0], 0);
    }

    private void data(int op, boolean deflate, ByteBuffer data, int size, int checksum) {
        if (mode != (deflate ? Mode.DEFLATE : Mode.PLAIN) || size < 16) {
            reply(op, 0, new byte[0], ERR_FAILED);
            return;
        }
        int len = data.getInt(0);
        int seq = data.getInt(4);
        byte[] payload = new byte[size - 16];
        data.get(16, payload);
        if (seq == expectedSeq - 1 && lastBlock != null && Arrays.equals(payload, lastBlock)
                && checksum == Command.checksumOf(payload)) {
            // the host resends a block whose reply it did not get: the block was taken already. A plain block would
            // land on the same bytes at offset + seq × 0x400; a compressed one must not go through the inflater twice
            resentBlocks++;
            if (!deflate) {
                System.arraycopy(payload, 0, flash, sessionOffset + seq * sessionBlockSize,
                        Math.min(payload.length, flash.length - sessionOffset - seq * sessionBlockSize));
            }
            dataReply(op, seq, lastBlockError);
            return;
        }
        if (len != payload.length || seq != expectedSeq || seq >= sessionBlocks
                || (!deflate && len != sessionBlockSize)) {
            reply(op, 0, new byte[0], ERR_FAILED);
            return;
        }
        int sum = 0xEF;
        for (byte b : payload) {
            sum ^= b & 0xFF;
        }
        if (seq == damageBlockSeq && damageBlockTimes > 0) {
            damageBlockTimes--;
            sum ^= 0x5A; // as if a byte had flipped on the wire
        }
        if (sum != checksum) {
            reply(op, 0, new byte[0], ERR_CHECKSUM);
            return;
        }
        if (seq == failBlockSeq && failBlockTimes > 0) {
            failBlockTimes--;
            reply(op, 0, new byte[0], ERR_FLASH_WRITE); // a transient write failure: the block is not taken
            return;
        }
        expectedSeq++;
        lastBlock = payload;
        lastBlockError = 0;
        if (flashDataDelayMs > 0) {
            try {
                Thread.sleep(flashDataDelayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!deflate) {
            System.arraycopy(payload, 0, flash, sessionOffset + seq * sessionBlockSize,
                    Math.min(payload.length, flash.length - sessionOffset - seq * sessionBlockSize));
            dataReply(op, seq, 0);
            return;
        }
        inflater.setInput(payload);
        byte[] out = new byte[16384];
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int n = inflater.inflate(out);
                if (n == 0 && inflater.needsDictionary()) {
                    throw new DataFormatException("dictionary");
                }
                if (written + n > sessionErase) {
                    lastBlockError = ERR_INFLATE;
                    dataReply(op, seq, ERR_INFLATE);
                    return;
                }
                System.arraycopy(out, 0, flash, sessionOffset + written, n);
                written += n;
            }
        } catch (DataFormatException e) {
            lastBlockError = ERR_INFLATE;
            dataReply(op, seq, ERR_INFLATE);
            return;
        }
        dataReply(op, seq, 0);
    }

    /** A data block's reply, unless the drop-reply fault eats it. */
    private void dataReply(int op, int seq, int error) {
        if (seq == dropReplySeq && dropReplyTimes > 0) {
            dropReplyTimes--;
            return;
        }
        boolean garble = seq == garbleReplySeq;
        if (garble) {
            garbleReplySeq = -1;
        }
        reply(op, 0, new byte[0], error, garble);
    }

    private void md5(int op, int addr, int size) {
        if (addr < 0 || size < 0 || (long) addr + size > flash.length) {
            reply(op, 0, new byte[32], ERR_FAILED);
            return;
        }
        if (corruptFlashBeforeMd5 && size > 0) {
            corruptFlashBeforeMd5 = false;
            flash[addr + size / 2] ^= 0x01;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(flash, addr, size);
            byte[] hex = HexFormat.of().formatHex(md.digest()).getBytes(StandardCharsets.US_ASCII);
            reply(op, 0, hex, 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 01 op size value data status error 0 0}. */
    private void reply(int op, long value, byte[] body, int error) {
        reply(op, value, body, error, false);
    }

    private void reply(int op, long value, byte[] body, int error, boolean garble) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) op).putShort((short) (body.length + 4)).putInt((int) value).put(body);
        b.put((byte) (error == 0 ? 0 : 1)).put((byte) error).put((byte) 0).put((byte) 0);
        byte[] packet = b.array();
        if (replies++ >= corruptRepliesFrom || garble) {
            List<Byte> bytes = new ArrayList<>();
            for (byte x : packet) {
                bytes.add(x);
            }
            bytes.remove(packet.length / 2);
            packet = new byte[bytes.size()];
            for (int i = 0; i < packet.length; i++) {
                packet[i] = bytes.get(i);
            }
        }
        try {
            link.write(Slip.encode(packet));
        } catch (SerialException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
