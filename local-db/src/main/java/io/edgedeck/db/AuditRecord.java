package io.edgedeck.db;

import java.time.Instant;
import java.util.HexFormat;

/** An entry as the {@link AuditLog} keeps it: its place in the chain, its time, and the hashes that link it. */
public record AuditRecord(long seq, Instant time, AuditEntry entry, byte[] prevHash, byte[] hash) {
    /** The entry's hash in lower-case hex (64 characters). */
    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }
}
