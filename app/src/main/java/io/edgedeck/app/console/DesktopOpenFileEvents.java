package io.edgedeck.app.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Desktop;
import java.util.Locale;

/**
 * Listens for the macOS "open these files" event (Finder's double-click or "Open With" on a .bin, also when the console
 * already runs) through AWT's {@link Desktop#setOpenFileHandler}: JavaFX has no public API for it. Since JDK 25 and
 * JavaFX 25 (JDK-8332947) AWT receives such events while JavaFX owns the application, when the handler is set during
 * start-up before the window is shown. Elsewhere this does nothing: Linux and Windows pass the file as an argument,
 * and touching AWT's Desktop there would start AWT's toolkit for nothing.
 */
final class DesktopOpenFileEvents {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopOpenFileEvents.class);

    private DesktopOpenFileEvents() {
    }

    /** Whether this operating system sends opened files as events (macOS). */
    static boolean sentAsEvents(String osName) {
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** Routes the events to {@code files}; returns whether a handler was set (false where unsupported). */
    static boolean listen(OpenedFiles files) {
        if (!sentAsEvents(System.getProperty("os.name"))) {
            return false;
        }
        try {
            if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_FILE)) {
                LOG.info("This desktop does not send opened files to programs as events");
                return false;
            }
            Desktop.getDesktop().setOpenFileHandler(event -> files.opened(event.getFiles()));
            return true;
        } catch (RuntimeException | LinkageError e) { // a headless or stripped runtime: keep the console going
            LOG.warn("Opened files cannot be received as events here: {}", e.toString());
            return false;
        }
    }
}
