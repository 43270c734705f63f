package io.edgedeck.link.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A second ES256 / RFC 7638 implementation, by hand on the JDK's own providers (no nimbus, no BouncyCastle), to
 * check EdgeDeck's output against: JOSE's 64-byte R||S signature is turned into DER here, so a format slip in
 * the production code cannot pass both.
 */
final class IndependentEs256 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private IndependentEs256() {
    }

    /** Verifies a JWS compact token with SHA256withECDSA from the JDK; returns its header and claims. */
    static JsonNode[] verify(String jws, ECPublicKey key) throws Exception {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) throw new AssertionError("not three parts: " + jws);
        JsonNode header = JSON.readTree(B64URL.decode(parts[0]));
        JsonNode claims = JSON.readTree(B64URL.decode(parts[1]));
        byte[] rs = B64URL.decode(parts[2]);
        if (rs.length != 64) throw new AssertionError("ES256 signature must be 64 bytes R||S, was " + rs.length);
        byte[] der = derOf(Arrays.copyOfRange(rs, 0, 32), Arrays.copyOfRange(rs, 32, 64));
        PublicKey jdkKey = KeyFactory.getInstance("EC", "SunEC").generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        Signature sig = Signature.getInstance("SHA256withECDSA", "SunEC");
        sig.initVerify(jdkKey);
        sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!sig.verify(der)) throw new AssertionError("the JDK does not accept the signature");
        return new JsonNode[]{header, claims};
    }

    /** DER SEQUENCE { INTEGER r, INTEGER s } from unsigned big-endian R and S. */
    static byte[] derOf(byte[] r, byte[] s) {
        byte[] ri = derInteger(r), si = derInteger(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(ri.length + si.length); // < 128 for P-256
        out.writeBytes(ri);
        out.writeBytes(si);
        return out.toByteArray();
    }

    private static byte[] derInteger(byte[] unsigned) {
        byte[] v = new BigInteger(1, unsigned).toByteArray(); // minimal two's complement: leading 0x00 if top bit set
        byte[] out = new byte[v.length + 2];
        out[0] = 0x02;
        out[1] = (byte) v.length;
        System.arraycopy(v, 0, out, 2, v.length);
        return out;
    }

    /** RFC 7638: SHA-256 over {"crv":"P-256","kty":"EC","x":..,"y":..} (members sorted, no spaces), base64url. */
    static String thumbprint(ECPublicKey key) throws Exception {
        String json = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(key.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(key.getW().getAffineY()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static String coordinate(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, fixed, 32 - n, n);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
