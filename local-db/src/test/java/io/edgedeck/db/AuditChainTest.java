package io.edgedeck.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The test vectors of docs/audit-log.md, computed by a separate Python implementation of the chain's rules. */
class AuditChainTest {
    private static final String KID = "Q1tE0w7fFm2Qbo9Hq8f3Vq6D3b0Yw2nLrGvK1pXyZs4";

    @Test
    void theDocumentedVectorsHashAsPublished() {
        byte[] first = AuditChain.hash(AuditChain.GENESIS, 1, 1_732_550_400_000L, null, null, "operator_added", null,
                "operator=root role=admin key=" + KID + " (first operator, made admin)", "ok");
        assertThat(HexFormat.of().formatHex(first))
                .isEqualTo("01d8c808f52b7540633a607e8ff6c3ca7d1c7595bc4ae5e76d41d8256c708d93");
        byte[] second = AuditChain.hash(first, 2, 1_732_550_460_000L,
                AuditEntry.command("root", KID, "plug-3", "relay_on", "3q2-7wAAAAAAAAAAAAAAAA", AuditOutcome.ACCEPTED,
                        null));
        assertThat(HexFormat.of().formatHex(second))
                .isEqualTo("f1482a9f359b979aa9b25c610c3dce74c8b4375d98e5df9bbbb534418a73cf24");
    }
}
