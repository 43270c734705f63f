package io.edgedeck.views.shell;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens a folder with {@link Desktop} where it can, else with the platform's opener ({@code xdg-open},
 * {@code open}, {@code explorer}). Creates the folder first, so "Open logs" works before the first log line.
 */
public final class SystemFolderOpener implements FolderOpener {
    @Override
    public void open(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(folder.toFile());
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("explorer", folder.toString())
                : os.contains("mac") ? List.of("open", folder.toString())
                : List.of("xdg-open", folder.toString());
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("no file manager could be started (" + command.getFirst() + ": " + e.getMessage()
                    + "). The folder is " + folder, e);
        }
    }
}
