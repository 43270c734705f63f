package io.edgedeck.db;

/** The result of {@link AuditLog#verify()}: the whole chain is intact, or the first place where it is not. */
public sealed interface AuditVerification {
    boolean intact();

    /** One line for a person. */
    String message();

    /** Every entry matches its hash and links to the one before; the last matches the log's head. */
    record Intact(long entries, String headHashHex) implements AuditVerification {
        @Override
        public boolean intact() {
            return true;
        }

        @Override
        public String message() {
            return entries == 0 ? "the audit log is empty and intact"
                    : String.format("the audit log is intact: %,d entries, head %d %s", entries, entries, headHashHex);
        }
    }

    /** The first broken entry ({@code seq}) and what is wrong with it, e.g. "entry 1234 was altered". */
    record Broken(long seq, String problem) implements AuditVerification {
        @Override
        public boolean intact() {
            return false;
        }

        @Override
        public String message() {
            return "the audit log was tampered with: " + problem;
        }
    }
}
