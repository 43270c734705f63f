package io.edgedeck.views.connection;

/** The answer to the first start's one question. */
public enum FirstRunChoice {
    /** Watch the built-in demo fleet. */
    DEMO,
    /** Connect to my broker (the connection dialog opens). */
    MY_BROKER
}
