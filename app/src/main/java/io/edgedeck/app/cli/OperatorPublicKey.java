package io.edgedeck.app.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's public key read from a PEM file (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY"; text around the block,
 * such as an "Operator: NAME" line, is ignored), checked to be P-256, with its key id: the RFC 7638 JWK thumbprint
 * (SHA-256, base64url), the {@code kid} of the commands the operator signs.
 *
 * <p>Seam: issue 4's key handling ({@code io.edgedeck.link.command.KeyFiles.readPublic} and the key id of
 * {@code OperatorKey}) does the same for the whole product; when it lands this class should delegate to it.
 */
record OperatorPublicKey(String pem, String keyId) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

    static OperatorPublicKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(file + " is not a PEM file (no -----BEGIN PUBLIC KEY----- block)");
        }
        String type = m.group(1);
        if (type.contains("PRIVATE")) {
            throw new IllegalArgumentException(file + " holds a private key: give the public key instead "
                    + "(its public half, 'BEGIN PUBLIC KEY'); private keys never go into the database");
        }
        if (!type.equals("PUBLIC KEY")) {
            throw new IllegalArgumentException(file + " holds a " + type + ", not a public key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is damaged (its PEM block is not valid base64)");
        }
        return of(der, file.toString());
    }

    /** From the DER SubjectPublicKeyInfo; {@code source} names it in messages. */
    static OperatorPublicKey of(byte[] der, String source) {
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + " is not an elliptic-curve public key (a P-256 key is needed)");
        }
        ECPublicKey ec = (ECPublicKey) key;
        if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
            throw new IllegalArgumentException(source + " is not a P-256 key (ES256 commands need the P-256 curve)");
        }
        String keyId;
        try {
            keyId = new ECKey.Builder(Curve.P_256, ec).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ec.getEncoded());
        return new OperatorPublicKey("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n", keyId);
    }
}
