package io.edgedeck.views.shell;

import java.io.IOException;
import java.nio.file.Path;

/** Shows a folder in the system's file manager. Blocking: call it off the FX thread. */
@FunctionalInterface
public interface FolderOpener {
    void open(Path folder) throws IOException;
}
