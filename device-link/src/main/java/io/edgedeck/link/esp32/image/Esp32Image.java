package io.edgedeck.link.esp32.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed ESP32-family firmware image (app, bootloader or RAM-only app): header, extended header,
 * segments, checksum, appended SHA-256, descriptors, Secure Boot trailers and what follows the image.
 *
 * <p>Parsing is strict about structure (magic, segment count, lengths) and lenient about integrity: a wrong
 * checksum or hash is reported through {@link #checksumValid()} and {@link #sha256Valid()}, not thrown, so
 * {@link ImageValidator} and {@code image-info} can say what is wrong.
 */
public final class Esp32Image {
    private static final int HEADER_SIZE = 24;
    private static final int SEGMENT_HEADER_SIZE = 8;
    private static final int MAX_SEGMENTS = 16;
    private static final int CHECKSUM_SEED = 0xEF;

    private final byte[] data;
    private final ImageHeader header;
    private final ExtendedHeader extendedHeader;
    private final List<ImageSegment> segments;
    private final int checksumStored;
    private final int checksumCalculated;
    private final long lengthIncludingChecksum;
    private final byte[] sha256Stored;
    private final byte[] sha256Calculated;
    private final AppDescriptor appDescriptor;
    private final BootloaderDescriptor bootloaderDescriptor;
    private final SecureBootV2Signature secureBootV2;
    private final SecureBootV1Signature secureBootV1;

    private Esp32Image(byte[] data, ImageHeader header, ExtendedHeader extendedHeader, List<ImageSegment> segments,
                       int checksumStored, int checksumCalculated, long lengthIncludingChecksum, byte[] sha256Stored,
                       byte[] sha256Calculated) {
        this.data = data;
        this.header = header;
        this.extendedHeader = extendedHeader;
        this.segments = List.copyOf(segments);
        this.checksumStored = checksumStored;
        this.checksumCalculated = checksumCalculated;
        this.lengthIncludingChecksum = lengthIncludingChecksum;
        this.sha256Stored = sha256Stored;
        this.sha256Calculated = sha256Calculated;
        this.appDescriptor = findAppDescriptor();
        this.bootloaderDescriptor = appDescriptor == null ? findBootloaderDescriptor() : null;
        this.secureBootV2 = SecureBootV2Signature.find(data, endOffset());
        this.secureBootV1 = secureBootV2 == null ? findSecureBootV1() : null;
    }

    /**
     * Parses an image that starts at byte 0 of {@code bytes} (bytes after the image are allowed and
     * reported by {@link #bytesAfterImage()}). The array is copied.
     *
     * @throws ImageFormatException when the bytes are not an image or are cut short
     */
    public static Esp32Image parse(byte[] bytes) {
        byte[] data = bytes.clone();
        if (data.length == 0) {
            throw new ImageFormatException(ImageFormatException.Reason.EMPTY, "The file is empty.");
        }
        if (Bytes.u8(data, 0) != ImageHeader.MAGIC) {
            throw new ImageFormatException(ImageFormatException.Reason.WRONG_MAGIC, String.format(
                    "The file starts with 0x%02X, not 0xE9: it is not an ESP32 firmware image.", Bytes.u8(data, 0)));
        }
        if (data.length < HEADER_SIZE) {
            throw ImageFormatException.truncated(data.length, HEADER_SIZE, "the image header");
        }
        ImageHeader header = new ImageHeader(Bytes.u8(data, 0), Bytes.u8(data, 1), Bytes.u8(data, 2),
                Bytes.u8(data, 3), Bytes.u32(data, 4));
        int hashByte = Bytes.u8(data, 23);
        if (header.segmentCount() > MAX_SEGMENTS) {
            throw new ImageFormatException(ImageFormatException.Reason.BAD_HEADER, "The header says the image has "
                    + header.segmentCount() + " segments; an ESP32 image has at most " + MAX_SEGMENTS + ".");
        }
        if (hashByte > 1) {
            throw new ImageFormatException(ImageFormatException.Reason.BAD_HEADER, String.format(
                    "The header's hash-appended byte is 0x%02X; it must be 0 or 1.", hashByte));
        }
        ExtendedHeader ext = new ExtendedHeader(Bytes.u8(data, 8),
                List.of(Bytes.u8(data, 9), Bytes.u8(data, 10), Bytes.u8(data, 11)), Bytes.u16(data, 12),
                Bytes.u8(data, 14), Bytes.u16(data, 15), Bytes.u16(data, 17), hashByte == 1);

        List<ImageSegment> segments = new ArrayList<>();
        long pos = HEADER_SIZE;
        int checksum = CHECKSUM_SEED;
        for (int i = 0; i < header.segmentCount(); i++) {
            if (pos + SEGMENT_HEADER_SIZE > data.length) {
                throw ImageFormatException.truncated(data.length, pos + SEGMENT_HEADER_SIZE,
                        "the header's segments");
            }
            long load = Bytes.u32(data, (int) pos);
            long length = Bytes.u32(data, (int) pos + 4);
            long end = pos + SEGMENT_HEADER_SIZE + length;
            if (end > data.length) {
                throw ImageFormatException.truncated(data.length, end, "the header's segments");
            }
            segments.add(new ImageSegment(i, load, length, pos, MemoryMap.typesOf(ext.chipId(), load)));
            for (int at = (int) pos + SEGMENT_HEADER_SIZE; at < end; at++) {
                checksum ^= data[at] & 0xFF;
            }
            pos = end;
        }
        long checksumAt = pos + 15 - pos % 16; // zero padding so that the checksum is the last byte of 16
        if (checksumAt >= data.length) {
            throw ImageFormatException.truncated(data.length, checksumAt + 1 + (ext.hashAppended() ? 32 : 0),
                    "the header's segments, checksum and hash");
        }
        long lengthWithChecksum = checksumAt + 1;
        byte[] stored = null;
        byte[] calculated = null;
        if (ext.hashAppended()) {
            if (lengthWithChecksum + 32 > data.length) {
                throw ImageFormatException.truncated(data.length, lengthWithChecksum + 32,
                        "the header's segments, checksum and hash");
            }
            stored = Arrays.copyOfRange(data, (int) lengthWithChecksum, (int) lengthWithChecksum + 32);
            calculated = Bytes.sha256(data, 0, (int) lengthWithChecksum);
        }
        return new Esp32Image(data, header, ext, segments, Bytes.u8(data, (int) checksumAt), checksum,
                lengthWithChecksum, stored, calculated);
    }

    private AppDescriptor findAppDescriptor() {
        ImageSegment candidate = segments.stream().filter(s -> s.is(MemoryMap.DROM)).findFirst()
                .orElse(MemoryMap.isMapped(extendedHeader.chipId()) || segments.isEmpty() ? null : segments.get(0));
        return candidate == null ? null
                : AppDescriptor.parseAt(data, (int) candidate.dataOffset(), (int) candidate.length());
    }

    private BootloaderDescriptor findBootloaderDescriptor() {
        // Like esptool: the descriptor opens the bootloader's DRAM data; the last large DRAM segment is looked at.
        ImageSegment candidate = null;
        for (ImageSegment s : segments) {
            if (MemoryMap.isMapped(extendedHeader.chipId()) ? s.is(MemoryMap.DRAM) && s.length() >= BootloaderDescriptor.SIZE
                    : s.index() == 0) {
                candidate = s;
            }
        }
        return candidate == null ? null
                : BootloaderDescriptor.parseAt(data, (int) candidate.dataOffset(), (int) candidate.length());
    }

    private SecureBootV1Signature findSecureBootV1() {
        long at = endOffset();
        if (!extendedHeader.hashAppended() || at + SecureBootV1Signature.SIZE > data.length
                || Bytes.u32(data, (int) at) != 0) {
            return null;
        }
        int sig = (int) at + 4;
        if (Bytes.allEqual(data, sig, sig + 64, 0) || Bytes.allEqual(data, sig, sig + 64, 0xFF)) {
            return null;
        }
        return new SecureBootV1Signature(at, 0, Bytes.hex(data, sig, sig + 64));
    }

    public ImageHeader header() {
        return header;
    }

    public ExtendedHeader extendedHeader() {
        return extendedHeader;
    }

    public List<ImageSegment> segments() {
        return segments;
    }

    /** The chip the image was built for, when EdgeDeck knows its id. */
    public Optional<ChipType> chip() {
        return ChipType.fromImageChipId(extendedHeader.chipId());
    }

    public int checksumStored() {
        return checksumStored;
    }

    /** XOR of all segment data, seeded 0xEF. */
    public int checksumCalculated() {
        return checksumCalculated;
    }

    public boolean checksumValid() {
        return checksumStored == checksumCalculated;
    }

    /** Offset just after the checksum byte: the bytes the appended SHA-256 covers. */
    public long lengthIncludingChecksum() {
        return lengthIncludingChecksum;
    }

    /** The SHA-256 stored after the checksum (hex), when the header says one is appended. */
    public Optional<String> sha256Stored() {
        return Optional.ofNullable(sha256Stored).map(Bytes::hex);
    }

    /** SHA-256 of the bytes before the stored hash (hex), when one is appended. */
    public Optional<String> sha256Calculated() {
        return Optional.ofNullable(sha256Calculated).map(Bytes::hex);
    }

    /** True when no hash is appended, or the stored one matches. */
    public boolean sha256Valid() {
        return sha256Stored == null || Arrays.equals(sha256Stored, sha256Calculated);
    }

    /** Where the image proper ends: after the checksum, and after the SHA-256 when one is appended. */
    public long endOffset() {
        return lengthIncludingChecksum + (extendedHeader.hashAppended() ? 32 : 0);
    }

    /** The number of bytes in the data after {@link #endOffset()} (signatures, padding, other images). */
    public long bytesAfterImage() {
        return data.length - endOffset();
    }

    /** Length of the data this image was parsed from. */
    public long dataLength() {
        return data.length;
    }

    public Optional<AppDescriptor> appDescriptor() {
        return Optional.ofNullable(appDescriptor);
    }

    public Optional<BootloaderDescriptor> bootloaderDescriptor() {
        return Optional.ofNullable(bootloaderDescriptor);
    }

    public Optional<SecureBootV2Signature> secureBootV2() {
        return Optional.ofNullable(secureBootV2);
    }

    public Optional<SecureBootV1Signature> secureBootV1() {
        return Optional.ofNullable(secureBootV1);
    }

    /** Apps, bootloaders and RAM-only apps, told apart by descriptors and load addresses. */
    public ImageKind kind() {
        if (appDescriptor != null || segments.stream().anyMatch(ImageSegment::isFlashMapped)) {
            return ImageKind.APP;
        }
        if (bootloaderDescriptor != null) {
            return ImageKind.BOOTLOADER;
        }
        if (!MemoryMap.isMapped(extendedHeader.chipId())) {
            return ImageKind.UNKNOWN;
        }
        // The ESP32 second-stage bootloader loads its loader code into the APP CPU cache region (iram_loader_seg).
        boolean cacheSegment = segments.stream().anyMatch(s -> s.is(MemoryMap.CACHE_APP) || s.is(MemoryMap.CACHE_PRO));
        return cacheSegment ? ImageKind.BOOTLOADER : ImageKind.RAM_APP;
    }

    /** The bytes a signature covers, or the image with its trailer: the length to write or check. */
    public long signedEndOffset() {
        if (secureBootV2 != null) {
            return secureBootV2.endOffset();
        }
        if (secureBootV1 != null) {
            return secureBootV1.offset() + SecureBootV1Signature.SIZE;
        }
        return endOffset();
    }

    /** A copy of the data the image was parsed from. */
    public byte[] bytes() {
        return data.clone();
    }

    byte[] rawBytes() {
        return data;
    }
}
