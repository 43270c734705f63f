package io.edgedeck.link.esp32.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a file to be flashed is, for {@code edgedeck image-info FILE [--json]} and the Flash view: an image,
 * a partition table, a merged whole-flash file, or something unknown (then {@link #error()} says why).
 * Render it with {@link ImageInfoFormatter}.
 */
public record ImageInfo(String fileName, long fileSize, String sha256OfFile, Kind kind, Optional<Esp32Image> image,
                        Optional<PartitionTable> partitionTable, Optional<MergedImage> merged, Optional<String> error) {
    public enum Kind { IMAGE, PARTITION_TABLE, MERGED, UNKNOWN }

    /** Reads and describes a file. Bad contents are described, not thrown; only I/O fails. */
    public static ImageInfo describe(Path file) throws IOException {
        return describe(file.getFileName().toString(), Files.readAllBytes(file));
    }

    public static ImageInfo describe(String fileName, byte[] bytes) {
        String sha = Bytes.hex(Bytes.sha256(bytes, 0, bytes.length));
        try {
            if (PartitionTable.looksLikePartitionTable(bytes, 0)) {
                return new ImageInfo(fileName, bytes.length, sha, Kind.PARTITION_TABLE, Optional.empty(),
                        Optional.of(PartitionTable.parse(bytes)), Optional.empty(), Optional.empty());
            }
            if (bytes.length > 0 && Bytes.u8(bytes, 0) != ImageHeader.MAGIC) {
                Optional<MergedImage> merged = MergedImage.detect(bytes);
                if (merged.isPresent()) {
                    return new ImageInfo(fileName, bytes.length, sha, Kind.MERGED, Optional.empty(),
                            Optional.of(merged.get().partitionTable()), merged, Optional.empty());
                }
            }
            Esp32Image image = Esp32Image.parse(bytes);
            Optional<MergedImage> merged = image.bytesAfterImage() > 0 ? MergedImage.detect(bytes) : Optional.empty();
            if (merged.isPresent()) { // bootloader at 0x0 (ESP32-S3, -C3 …) followed by table and apps
                return new ImageInfo(fileName, bytes.length, sha, Kind.MERGED, Optional.of(image),
                        Optional.of(merged.get().partitionTable()), merged, Optional.empty());
            }
            return new ImageInfo(fileName, bytes.length, sha, Kind.IMAGE, Optional.of(image), Optional.empty(),
                    Optional.empty(), Optional.empty());
        } catch (ImageFormatException e) {
            return new ImageInfo(fileName, bytes.length, sha, Kind.UNKNOWN, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(e.getMessage()));
        }
    }
}
