package io.edgedeck.link.mqtt;

/** The broker link failed; the message is for a person ("cannot reach broker localhost:1883: connection refused"). */
public class LinkException extends RuntimeException {
    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public LinkException(String message) {
        super(message);
    }
}
