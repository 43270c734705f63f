package io.edgedeck.link.esp32.image;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * Checks Secure Boot signatures with the JDK's own crypto, and computes the public-key digest the chip
 * keeps in eFuse (so a policy can be configured with either a public key or its digest).
 */
public final class SecureBootSignatures {
    private static final int RSA_BYTES = 384;
    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);

    /** The result of checking one signature. */
    public enum Check { VALID, INVALID, UNSUPPORTED }

    private SecureBootSignatures() {
    }

    /** Checks a V2 block's signature over the bytes before its signature sector, with the key in the block. */
    public static Check verify(byte[] file, SecureBootV2Block block) {
        int at = (int) block.offset();
        int signedLength = (int) (block.offset() - block.index() * (long) SecureBootV2Block.SIZE);
        try {
            if (block.scheme() == SignatureScheme.RSA_3072_PSS) {
                BigInteger n = new BigInteger(1, Bytes.reversed(file, at + 36, RSA_BYTES));
                BigInteger e = BigInteger.valueOf(Bytes.u32(file, at + 420));
                BigInteger rinv = new BigInteger(1, Bytes.reversed(file, at + 424, RSA_BYTES));
                long mdash = Bytes.u32(file, at + 808);
                if (!rinv.equals(rinvOf(n)) || mdash != mdashOf(n)) {
                    return Check.INVALID; // the hardware would compute with these: a key that does not add up fails
                }
                PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                pss.initVerify(key);
                pss.update(file, 0, signedLength);
                return pss.verify(Bytes.reversed(file, at + 812, RSA_BYTES)) ? Check.VALID : Check.INVALID;
            }
            if (block.scheme() == SignatureScheme.ECDSA_P256 || block.scheme() == SignatureScheme.ECDSA_P384) {
                boolean p384 = block.scheme() == SignatureScheme.ECDSA_P384;
                int size = p384 ? 48 : 32;
                int pointAt = at + 4 + size + 1;
                int sigAt = pointAt + 2 * size;
                ECPublicKey key = ecKey(p384 ? "secp384r1" : "secp256r1",
                        new BigInteger(1, Bytes.reversed(file, pointAt, size)),
                        new BigInteger(1, Bytes.reversed(file, pointAt + size, size)));
                byte[] rs = new byte[2 * size];
                System.arraycopy(Bytes.reversed(file, sigAt, size), 0, rs, 0, size);
                System.arraycopy(Bytes.reversed(file, sigAt + size, size), 0, rs, size, size);
                Signature ecdsa = Signature.getInstance(p384 ? "SHA384withECDSAinP1363Format"
                        : "SHA256withECDSAinP1363Format");
                ecdsa.initVerify(key);
                ecdsa.update(file, 0, signedLength);
                return ecdsa.verify(rs) ? Check.VALID : Check.INVALID;
            }
            return Check.UNSUPPORTED;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Check.INVALID;
        }
    }

    /** Checks a V1 signature (ECDSA P-256 over the bytes before the trailer) with a given public key. */
    public static Check verify(byte[] file, SecureBootV1Signature v1, PublicKey key) {
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            return Check.UNSUPPORTED;
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initVerify(key);
            ecdsa.update(file, 0, (int) v1.offset());
            return ecdsa.verify(java.util.HexFormat.of().parseHex(v1.signatureRs())) ? Check.VALID : Check.INVALID;
        } catch (GeneralSecurityException e) {
            return Check.INVALID;
        }
    }

    /**
     * SHA-256 of the key as a V2 signature block holds it (RSA: n, e, rinv, m' little-endian; ECDSA: curve id
     * and the point little-endian), hex. This is what {@code espsecure digest-sbv2-public-key} prints and what
     * the chip's eFuse stores.
     */
    public static String publicKeyDigest(PublicKey key) {
        byte[] material = keyMaterial(key);
        return Bytes.hex(Bytes.sha256(material, 0, material.length));
    }

    /** The key fields of a V2 signature block for {@code key}. */
    static byte[] keyMaterial(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            BigInteger n = rsa.getModulus();
            byte[] out = new byte[RSA_BYTES + 4 + RSA_BYTES + 4];
            System.arraycopy(littleEndian(n, RSA_BYTES), 0, out, 0, RSA_BYTES);
            Bytes.putU32(out, RSA_BYTES, rsa.getPublicExponent().longValue());
            System.arraycopy(littleEndian(rinvOf(n), RSA_BYTES), 0, out, RSA_BYTES + 4, RSA_BYTES);
            Bytes.putU32(out, 2 * RSA_BYTES + 4, mdashOf(n));
            return out;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            int size = bits / 8;
            int curveId = switch (bits) {
                case 192 -> 1;
                case 256 -> 2;
                case 384 -> 3;
                default -> throw new IllegalArgumentException("Secure Boot has no " + bits + "-bit curve");
            };
            int pointField = bits == 384 ? 96 : 64;
            byte[] out = new byte[1 + pointField];
            out[0] = (byte) curveId;
            System.arraycopy(littleEndian(ec.getW().getAffineX(), size), 0, out, 1, size);
            System.arraycopy(littleEndian(ec.getW().getAffineY(), size), 0, out, 1 + size, size);
            return out;
        }
        throw new IllegalArgumentException("Secure Boot keys are RSA or EC, not " + key.getAlgorithm());
    }

    /** R² mod n with R = 2^3072: the Montgomery constant the RSA peripheral wants. */
    static BigInteger rinvOf(BigInteger n) {
        return BigInteger.ONE.shiftLeft(2 * RSA_BYTES * 8).mod(n);
    }

    /** −n⁻¹ mod 2³². */
    static long mdashOf(BigInteger n) {
        return n.modInverse(TWO_32).negate().mod(TWO_32).longValue();
    }

    static byte[] littleEndian(BigInteger value, int size) {
        byte[] be = value.toByteArray();
        byte[] out = new byte[size];
        for (int i = 0; i < size && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static ECPublicKey ecKey(String curve, BigInteger x, BigInteger y) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
    }
}
