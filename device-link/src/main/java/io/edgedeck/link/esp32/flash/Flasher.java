package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.esp32.loader.Command;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.loader.LoaderConnection;
import io.edgedeck.link.esp32.loader.Response;
import io.edgedeck.link.esp32.loader.RomError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.zip.Deflater;

/**
 * Writes regions to flash and reads flash back, over a connection that is already synced and SPI-attached (see
 * {@link FlashSession}). Calls go down only: Flasher → {@link LoaderConnection} → SLIP → serial link.
 */
public final class Flasher {

    /** The ROM addresses flash below 16 MiB. */
    public static final long MAX_FLASH = 16L * 1024 * 1024;
    /** Tries per data block, as esptool's WRITE_BLOCK_ATTEMPTS. */
    public static final int WRITE_BLOCK_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Flasher.class);
    private static final int BLOCK = Command.FLASH_BLOCK;
    private static final int SECTOR = 4096;
    private static final int READ_CHUNK = 64;

    private final LoaderConnection conn;
    private final FlashProgress progress;
    private final CancelToken cancel;
    private final long flashSize;
    /** Set when a block was resent after a lost or garbled reply (see {@link #sendBlock}). */
    private boolean resentUnacknowledgedBlock;

    public Flasher(LoaderConnection conn, FlashProgress progress, CancelToken cancel) {
        this(conn, progress, cancel, MAX_FLASH);
    }

    /** @param flashSize the board's flash (explicit or detected): {@link #write} refuses regions beyond it */
    public Flasher(LoaderConnection conn, FlashProgress progress, CancelToken cancel, long flashSize) {
        this.conn = conn;
        this.progress = progress == null ? FlashProgress.NONE : progress;
        this.cancel = cancel == null ? new CancelToken() : cancel;
        this.flashSize = flashSize > 0 ? Math.min(flashSize, MAX_FLASH) : MAX_FLASH;
    }

    /**
     * Rejects unaligned, overlapping or out-of-range regions before anything is sent. A {@code flashSize} of 0 (to be
     * detected) checks against the 16 MB the ROM addresses; {@link #write} checks again once the size is known.
     */
    public static void checkRegions(List<Region> regions, long flashSize) {
        if (regions.isEmpty()) {
            throw new FlashException(FlashException.Code.BAD_REQUEST, "Nothing to write");
        }
        List<Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingInt(Region::offset));
        long limit = flashSize > 0 ? Math.min(flashSize, MAX_FLASH) : MAX_FLASH;
        Region previous = null;
        for (Region r : sorted) {
            if (r.offset() < 0 || r.offset() % SECTOR != 0) {
                throw new FlashException(FlashException.Code.BAD_REQUEST, String.format(
                        "Offset 0x%X is not a multiple of 0x1000 (the flash erases whole 4 KiB sectors)", r.offset()));
            }
            if (r.length() == 0) {
                throw new FlashException(FlashException.Code.BAD_REQUEST, "The file for " + r + " is empty");
            }
            if (r.end() > limit) {
                throw new FlashException(FlashException.Code.BAD_REQUEST, String.format(
                        "%s ends at 0x%X, beyond the %d MB flash", r, r.end(), limit / (1024 * 1024)));
            }
            if (previous != null && roundUp(previous.end(), SECTOR) > r.offset()) {
                throw new FlashException(FlashException.Code.BAD_REQUEST,
                        previous + " and " + r + " overlap (erasing one would erase part of the other)");
            }
            previous = r;
        }
    }

    /**
     * Writes every region, then verifies each with the ROM's MD5 if asked.
     *
     * @throws FlashException BAD_REQUEST, before anything is written, when a region ends beyond the board's flash
     */
    public FlashResult write(List<Region> regions, WriteOptions options) {
        checkFits(regions);
        long started = System.nanoTime();
        long total = regions.stream().mapToLong(Region::length).sum();
        long done = 0;
        List<RegionResult> results = new ArrayList<>();
        Set<Integer> mustVerify = new HashSet<>();
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            byte[] image = padTo4(region.data());
            resentUnacknowledgedBlock = false;
            boolean finished = options.compress()
                    ? writeCompressed(region.offset(), image, new Where(i, regions.size(), region.length(), done, total))
                    : writePlain(region.offset(), image, new Where(i, regions.size(), region.length(), done, total));
            if (resentUnacknowledgedBlock) {
                mustVerify.add(i);
            }
            if (!finished) {
                return new FlashResult(FlashResult.Outcome.CANCELLED, results, done, since(started));
            }
            done += region.length();
            String md5 = md5Hex(image);
            results.add(new RegionResult(region.offset(), image.length, md5, false));
        }
        if (options.verify() || !mustVerify.isEmpty()) {
            for (int i = 0; i < results.size(); i++) {
                if (!options.verify() && !mustVerify.contains(i)) {
                    continue;
                }
                RegionResult r = results.get(i);
                progress.onProgress(new Progress(Phase.VERIFYING, i, regions.size(), 0, r.length(), done, total));
                String theirs = conn.flashMd5(r.offset(), r.length());
                if (!theirs.equals(r.md5())) {
                    throw new FlashException(FlashException.Code.MD5_MISMATCH, String.format(
                            "Flash at 0x%X (%,d bytes) has MD5 %s, the image %s", r.offset(), r.length(), theirs, r.md5()));
                }
                results.set(i, new RegionResult(r.offset(), r.length(), r.md5(), true));
            }
        }
        progress.onProgress(new Progress(Phase.DONE, -1, regions.size(), 0, 0, done, total));
        return new FlashResult(FlashResult.Outcome.COMPLETED, List.copyOf(results), done, since(started));
    }

    private void checkFits(List<Region> regions) {
        for (Region r : regions) {
            if (r.end() > flashSize) {
                throw new FlashException(FlashException.Code.BAD_REQUEST, String.format(
                        "%s ends at 0x%X, beyond the board's %d MB flash", r, r.end(), flashSize / (1024 * 1024)));
            }
        }
    }

    /** Progress bookkeeping of one region, in the caller's (unpadded) byte counts. */
    private record Where(int index, int count, int length, long before, long total) {
        Progress at(Phase phase, long regionDone) {
            long d = Math.min(regionDone, length);
            return new Progress(phase, index, count, d, length, before + d, total);
        }
    }

    private boolean writeCompressed(int offset, byte[] image, Where where) {
        byte[] z = deflate(image);
        int blocks = (z.length + BLOCK - 1) / BLOCK;
        int erase = (int) roundUp(image.length, BLOCK); // the ROM wants the uncompressed size in whole blocks
        progress.onProgress(where.at(Phase.ERASING, 0));
        conn.execute(new Command.FlashDeflBegin(erase, blocks, BLOCK, offset));
        double ratio = (double) image.length / z.length;
        for (int seq = 0; seq < blocks; seq++) {
            if (cancel.isCancelled()) {
                return false;
            }
            int from = seq * BLOCK;
            byte[] chunk = Arrays.copyOfRange(z, from, Math.min(z.length, from + BLOCK));
            sendBlock(new Command.FlashDeflData(seq, chunk, (int) Math.ceil(chunk.length * ratio)), seq, offset);
            long regionDone = seq == blocks - 1 ? image.length : Math.min(image.length, (long) ((from + BLOCK) * ratio));
            progress.onProgress(where.at(Phase.WRITING, regionDone));
        }
        return true;
    }

    private boolean writePlain(int offset, byte[] image, Where where) {
        int blocks = (image.length + BLOCK - 1) / BLOCK;
        progress.onProgress(where.at(Phase.ERASING, 0));
        conn.execute(new Command.FlashBegin(image.length, blocks, BLOCK, offset)); // ESP32: erase size = image length
        for (int seq = 0; seq < blocks; seq++) {
            if (cancel.isCancelled()) {
                return false;
            }
            byte[] block = new byte[BLOCK];
            Arrays.fill(block, (byte) 0xFF);
            int from = seq * BLOCK;
            int n = Math.min(BLOCK, image.length - from);
            System.arraycopy(image, from, block, 0, n);
            sendBlock(new Command.FlashData(seq, block), seq, offset);
            long regionDone = (long) from + n;
            progress.onProgress(where.at(Phase.WRITING, regionDone));
        }
        return true;
    }

    /**
     * Sends one FLASH_DATA / FLASH_DEFL_DATA block, resending the same block with the same sequence number up to
     * {@link #WRITE_BLOCK_ATTEMPTS} times in all when the reply is lost (TIMEOUT), garbled (CORRUPT_REPLY) or reports
     * any failure status — as esptool's {@code flash_block} / {@code flash_defl_block} do: they retry on every
     * {@code FatalError}, which covers timeouts and every non-zero status (see docs/decisions/0003). A lost link is
     * final.
     * <p>
     * After anything but a bad-checksum refusal (0x07: the ROM did not use the block) the ROM may well have taken the
     * block, or part of it, already. The resend relies on the loader recognising the repeated sequence number (as the
     * simulated ROM does): a plain block then lands on the same bytes at {@code offset + seq × 0x400}, a compressed one
     * is not inflated a second time. That is not something this code can see from the reply (and a compressed stream
     * inflated twice, or a loader that writes at its own pointer, would leave wrong flash), so the region is then
     * verified with the ROM's MD5 even when verification was turned off: a loader that behaves otherwise ends in
     * MD5_MISMATCH or BAD_STATUS, never in a silently wrong flash.
     *
     * @throws FlashException the last attempt's failure, its detail naming the block and the number of tries
     */
    private void sendBlock(Command block, int seq, int regionOffset) {
        for (int attempt = 1; ; attempt++) {
            FlashException failure;
            try {
                Response r = conn.exchange(block, block.timeout());
                if (r.ok()) {
                    return;
                }
                failure = LoaderConnection.badStatus(block, r);
                resentUnacknowledgedBlock |= r.romError() != RomError.BAD_CHECKSUM && attempt < WRITE_BLOCK_ATTEMPTS;
            } catch (FlashException e) {
                if (e.code() != FlashException.Code.TIMEOUT && e.code() != FlashException.Code.CORRUPT_REPLY) {
                    throw e;
                }
                failure = e;
                resentUnacknowledgedBlock |= attempt < WRITE_BLOCK_ATTEMPTS;
            }
            if (attempt >= WRITE_BLOCK_ATTEMPTS) {
                throw new FlashException(failure.code(), String.format("%s (block %d of the region at 0x%X; tried %d times)",
                        stripStop(failure.detail()), seq, regionOffset, attempt), failure);
            }
            LOG.warn("{} block {} of the region at 0x{}: {}; resending it ({} of {} tries)", block.opcode(), seq,
                    Integer.toHexString(regionOffset), failure.detail(), attempt + 1, WRITE_BLOCK_ATTEMPTS);
        }
    }

    private static String stripStop(String detail) {
        return detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail;
    }

    /**
     * Reads flash with READ_FLASH_SLOW, 64 bytes per request/answer round trip (slow; fine for partitions and apps).
     *
     * @throws CancellationException when cancelled
     */
    public byte[] read(int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > MAX_FLASH) {
            throw new FlashException(FlashException.Code.BAD_REQUEST,
                    String.format("Cannot read %,d bytes at 0x%X", length, offset));
        }
        byte[] out = new byte[length];
        for (int pos = 0; pos < length; pos += READ_CHUNK) {
            if (cancel.isCancelled()) {
                throw new CancellationException("Reading flash was cancelled");
            }
            int n = Math.min(READ_CHUNK, length - pos);
            System.arraycopy(conn.readFlashSlow(offset + pos, n), 0, out, pos, n);
            progress.onProgress(new Progress(Phase.READING, 0, 1, pos + n, length, pos + n, length));
        }
        return out;
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION); // zlib format with Adler-32, as the ROM expects
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static byte[] padTo4(byte[] data) {
        if (data.length % 4 == 0) {
            return data;
        }
        byte[] p = Arrays.copyOf(data, (data.length + 3) / 4 * 4);
        Arrays.fill(p, data.length, p.length, (byte) 0xFF);
        return p;
    }

    public static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long roundUp(long value, int unit) {
        return (value + unit - 1) / unit * unit;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
