package io.edgedeck.link.esp32.image;

/**
 * Bytes that are not a well-formed image, partition table or otadata. {@link #reason()} is stable for code,
 * {@link #getMessage()} is a sentence for a person. {@link ImageValidator} turns it into a verdict.
 */
public final class ImageFormatException extends RuntimeException {
    /** Why parsing stopped. */
    public enum Reason { EMPTY, WRONG_MAGIC, TRUNCATED, BAD_HEADER, BAD_PARTITION_TABLE, BAD_OTADATA }

    private final Reason reason;
    private final long fileLength;
    private final long neededLength;

    ImageFormatException(Reason reason, String message) {
        this(reason, message, -1, -1);
    }

    private ImageFormatException(Reason reason, String message, long fileLength, long neededLength) {
        super(message);
        this.reason = reason;
        this.fileLength = fileLength;
        this.neededLength = neededLength;
    }

    static ImageFormatException truncated(long fileLength, long neededLength, String what) {
        return new ImageFormatException(Reason.TRUNCATED, "The file ends at byte " + fileLength + " but " + what
                + " need" + (what.endsWith("s") ? "" : "s") + " " + neededLength + " bytes: it is truncated.",
                fileLength, neededLength);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#TRUNCATED}: the length of the data; else -1. */
    public long fileLength() {
        return fileLength;
    }

    /** For {@link Reason#TRUNCATED}: the length the headers call for (at least); else -1. */
    public long neededLength() {
        return neededLength;
    }
}
