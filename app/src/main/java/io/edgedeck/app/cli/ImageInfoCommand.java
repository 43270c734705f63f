package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.image.Esp32Image;
import io.edgedeck.link.esp32.image.ImageInfo;
import io.edgedeck.link.esp32.image.ImageInfoFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "image-info", mixinStandardHelpOptions = true,
        description = {"Describes an ESP32 firmware file: app, bootloader, partition table or merged image — header, "
                + "segments, checksum, SHA-256, application descriptor, Secure Boot signature.",
                "Exits with 5 when the file is not a usable image (unknown format, bad checksum or SHA-256)."})
public final class ImageInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .bin file.")
    Path file;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Files.exists(file) ? file + " is not a file" : "there is no file " + file);
        }
        ImageInfo info;
        try {
            info = ImageInfo.describe(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no file " + file);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? ImageInfoFormatter.toJson(info) : ImageInfoFormatter.toText(info));
        if (!json) {
            out.println();
        }
        out.flush();
        return usable(info) ? ExitCodes.OK : ExitCodes.IMAGE_REFUSED;
    }

    static boolean usable(ImageInfo info) {
        if (info.error().isPresent() || info.kind() == ImageInfo.Kind.UNKNOWN) {
            return false;
        }
        return info.image().map(ImageInfoCommand::intact).orElse(true);
    }

    private static boolean intact(Esp32Image image) {
        return image.checksumValid() && (image.sha256Stored().isEmpty() || image.sha256Valid());
    }
}
