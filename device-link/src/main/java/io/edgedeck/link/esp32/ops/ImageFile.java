package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.Region;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One file to write: a name for messages (usually the path), the flash offset, the bytes. */
public record ImageFile(String name, int offset, byte[] data) {

    public ImageFile {
        if (name == null || data == null) {
            throw new IllegalArgumentException("an image file needs a name and data");
        }
    }

    public static ImageFile read(int offset, Path file) throws IOException {
        return new ImageFile(file.toString(), offset, Files.readAllBytes(file));
    }

    public Region region() {
        return new Region(offset, data);
    }

    @Override
    public String toString() {
        return String.format("%s at 0x%X", name, offset);
    }
}
