package io.edgedeck.link.esp32.image;

/** One reason to refuse (ERROR) or to mention (WARNING), with a stable code and a sentence for a person. */
public record ValidationProblem(Code code, Severity severity, String message) {
    public enum Severity { ERROR, WARNING }

    /** Stable codes: the CLI and UI may key on them; the messages may change. */
    public enum Code {
        EMPTY_FILE,
        WRONG_MAGIC,
        BAD_HEADER,
        WRONG_CHIP,
        CHIP_REVISION,
        TRUNCATED,
        BAD_CHECKSUM,
        BAD_SHA256,
        MISALIGNED_OFFSET,
        TOO_LARGE_FOR_FLASH,
        TOO_LARGE_FOR_PARTITION,
        NO_APP_SLOT_AT_OFFSET,
        WRONG_OFFSET_FOR_IMAGE,
        BAD_PARTITION_TABLE,
        UNSIGNED_IMAGE,
        BAD_SIGNATURE,
        UNTRUSTED_KEY,
        SIGNATURE_NOT_CHECKED
    }

    static ValidationProblem error(Code code, String message) {
        return new ValidationProblem(code, Severity.ERROR, message);
    }

    static ValidationProblem warning(Code code, String message) {
        return new ValidationProblem(code, Severity.WARNING, message);
    }
}
