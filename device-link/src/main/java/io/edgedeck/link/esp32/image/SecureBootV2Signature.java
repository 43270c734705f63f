package io.edgedeck.link.esp32.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The Secure Boot V2 signature sector: after the image, 0xFF padding to a 4 KiB boundary, then a 4 KiB
 * sector with up to three signature blocks (unused blocks are 0xFF). Every block signs the bytes before
 * the sector.
 */
public record SecureBootV2Signature(long sigSectorOffset, List<SecureBootV2Block> blocks) {
    static final int SECTOR_SIZE = 4096;
    private static final int MAX_BLOCKS = 3;

    public SecureBootV2Signature {
        blocks = List.copyOf(blocks);
    }

    /** Finds the signature sector at the first 4 KiB boundary at or after {@code imageEnd}; null if absent. */
    static SecureBootV2Signature find(byte[] b, long imageEnd) {
        long at = (imageEnd + SECTOR_SIZE - 1) / SECTOR_SIZE * SECTOR_SIZE;
        for (; at + SECTOR_SIZE <= b.length; at += SECTOR_SIZE) {
            int sector = (int) at;
            if (SecureBootV2Block.looksLikeBlock(b, sector)) {
                List<SecureBootV2Block> blocks = new ArrayList<>();
                for (int i = 0; i < MAX_BLOCKS; i++) {
                    int blockAt = sector + i * SecureBootV2Block.SIZE;
                    if (SecureBootV2Block.looksLikeBlock(b, blockAt)) {
                        blocks.add(SecureBootV2Block.parse(b, i, blockAt, sector));
                    }
                }
                return new SecureBootV2Signature(at, blocks);
            }
            if (!Bytes.allEqual(b, sector, sector + SECTOR_SIZE, 0xFF)) {
                return null; // not padding: something else follows the image
            }
        }
        return null;
    }

    /** Where the signed file ends (the end of the signature sector). */
    public long endOffset() {
        return sigSectorOffset + SECTOR_SIZE;
    }
}
