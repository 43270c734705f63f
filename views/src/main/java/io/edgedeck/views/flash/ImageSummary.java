package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.image.AppDescriptor;
import io.edgedeck.link.esp32.image.ChipType;
import io.edgedeck.link.esp32.image.Esp32Image;
import io.edgedeck.link.esp32.image.ImageInfo;
import io.edgedeck.link.esp32.image.ImageKind;
import io.edgedeck.link.esp32.image.MergedImage;
import io.edgedeck.link.esp32.image.Partition;
import io.edgedeck.link.esp32.image.PartitionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One line about a file for the Flash screen, from {@link ImageInfo}. */
final class ImageSummary {
    private ImageSummary() {
    }

    static String of(ImageInfo info) {
        String size = String.format(Locale.ROOT, "%,d bytes", info.fileSize());
        return switch (info.kind()) {
            case IMAGE -> image(info.image().orElseThrow()) + " · " + size + " · " + integrity(info.image().orElseThrow());
            case PARTITION_TABLE -> table(info.partitionTable().orElseThrow()) + " · " + size;
            case MERGED -> merged(info.merged().orElseThrow()) + " · " + size;
            case UNKNOWN -> "Not an ESP32 image, partition table or merged file: " + info.error().orElse("unknown contents");
        };
    }

    private static String image(Esp32Image image) {
        List<String> parts = new ArrayList<>();
        AppDescriptor app = image.appDescriptor().orElse(null);
        if (app != null) {
            parts.add(app.projectName() + " " + app.version());
            parts.add("IDF " + app.idfVersion());
        } else if (image.kind() == ImageKind.BOOTLOADER) {
            parts.add("Bootloader");
        } else {
            parts.add(capitalised(image.kind().description()));
        }
        parts.add(image.chip().map(ChipType::displayName)
                .orElse("chip id " + image.extendedHeader().chipId()));
        return String.join(" · ", parts);
    }

    private static String integrity(Esp32Image image) {
        String checksum = "checksum " + (image.checksumValid() ? "valid" : "INVALID");
        String sha = image.sha256Stored().isEmpty() ? "no SHA-256" : "SHA-256 " + (image.sha256Valid() ? "valid" : "INVALID");
        return checksum + " · " + sha;
    }

    private static String table(PartitionTable t) {
        String names = t.entries().stream().map(Partition::label).collect(Collectors.joining(", "));
        String md5 = t.md5Stored().isEmpty() ? "no MD5" : "MD5 " + (t.md5Valid() ? "valid" : "INVALID");
        return "Partition table · " + t.entries().size() + " entries (" + names + ") · " + md5;
    }

    private static String merged(MergedImage m) {
        String apps = m.apps().isEmpty() ? "no app"
                : m.apps().stream().map(a -> a.slot().label() + ": " + image(a.image())).collect(Collectors.joining("; "));
        return "Merged image · bootloader at " + FlashTexts.hex(m.bootloaderOffset()) + " · "
                + m.partitionTable().entries().size() + " partitions · " + apps;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
