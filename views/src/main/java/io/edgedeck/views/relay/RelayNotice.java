package io.edgedeck.views.relay;

/** Something a person should see about a relay command, as a pop-up notification. */
public record RelayNotice(Level level, String title, String text) {
    public enum Level { INFO, WARNING, ERROR }
}
