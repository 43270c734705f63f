package io.edgedeck.link.esp32.image;

/** The key types a Secure Boot V2 signature block can hold (block version 2 = RSA, 3 = ECDSA). */
public enum SignatureScheme {
    RSA_3072_PSS("RSA-3072 (PSS, SHA-256)", 1),
    ECDSA_P192("ECDSA P-192 (SHA-256)", 1),
    ECDSA_P256("ECDSA P-256 (SHA-256)", 2),
    ECDSA_P384("ECDSA P-384 (SHA-384)", 3),
    UNKNOWN("unknown scheme", 0);

    private final String description;
    private final int curveId;

    SignatureScheme(String description, int curveId) {
        this.description = description;
        this.curveId = curveId;
    }

    public String description() {
        return description;
    }

    static SignatureScheme ofCurveId(int curveId) {
        return switch (curveId) {
            case 1 -> ECDSA_P192;
            case 2 -> ECDSA_P256;
            case 3 -> ECDSA_P384;
            default -> UNKNOWN;
        };
    }

    int curveId() {
        return curveId;
    }
}
