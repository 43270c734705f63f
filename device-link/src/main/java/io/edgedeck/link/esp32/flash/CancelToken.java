package io.edgedeck.link.esp32.flash;

/** Cancels a running flash between two data blocks; cancelling is a normal outcome, not an error. */
public final class CancelToken {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
