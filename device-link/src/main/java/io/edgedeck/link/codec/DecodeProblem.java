package io.edgedeck.link.codec;

/** A reason to quarantine a message; cheap to throw (no stack trace). The message is the reason shown to people. */
final class DecodeProblem extends RuntimeException {
    DecodeProblem(String reason) {
        super(reason, null, false, false);
    }
}
