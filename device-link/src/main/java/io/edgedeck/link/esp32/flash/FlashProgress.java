package io.edgedeck.link.esp32.flash;

/** Receives progress on the flashing thread; keep it quick (coalesce for UIs). */
@FunctionalInterface
public interface FlashProgress {

    FlashProgress NONE = p -> { };

    void onProgress(Progress progress);
}
