package io.edgedeck.db;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The audit log's hash chain: {@code hash = SHA-256(prevHash || canonical(entry))}, the first entry's prevHash being
 * 32 zero bytes. The canonical encoding (docs/audit-log.md) is, in this order: seq and time (epoch milliseconds) as
 * 8-byte big-endian integers, then operator, key id, action, device, detail and outcome, each a string written as a
 * 4-byte big-endian length and its UTF-8 bytes, or the single byte 0xFF for null. Lengths make it unambiguous:
 * moving text from one field to the next changes the hash.
 */
final class AuditChain {
    static final int HASH_BYTES = 32;
    static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final int NULL_MARK = 0xFF;

    private AuditChain() {
    }

    static byte[] hash(byte[] prevHash, long seq, long timeMillis, String operator, String keyId, String action,
                       String device, String detail, String outcome) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(ByteBuffer.allocate(16).putLong(seq).putLong(timeMillis).array());
        for (String field : new String[] {operator, keyId, action, device, detail, outcome}) {
            if (field == null) {
                out.write(NULL_MARK);
            } else {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
                out.writeBytes(utf8);
            }
        }
        MessageDigest sha = sha256();
        sha.update(prevHash);
        return sha.digest(out.toByteArray());
    }

    static byte[] hash(byte[] prevHash, long seq, long timeMillis, AuditEntry e) {
        return hash(prevHash, seq, timeMillis, e.operator(), e.keyId(), e.action().wireName(), e.device(), e.detail(),
                e.outcome().wireName());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
