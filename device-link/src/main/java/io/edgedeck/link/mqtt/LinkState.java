package io.edgedeck.link.mqtt;

/** State of the broker connection. */
public enum LinkState {
    DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING
}
