package io.edgedeck.link.esp32.image;

import io.edgedeck.link.esp32.image.ValidationProblem.Code;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RSA-3072 Secure Boot V2 signatures made in the test, checked by the gate. */
class SecureBootV2Test {
    private static final FlashTarget ESP32 = FlashTarget.of(ChipType.ESP32);
    private static KeyPair trusted;
    private static KeyPair stranger;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        trusted = rsa.generateKeyPair();
        stranger = rsa.generateKeyPair();
    }

    @Test
    void signedWithTheTrustedKeyPasses() throws Exception {
        byte[] signed = TestImages.signSbv2(TestImages.app(), trusted);
        Esp32Image image = Esp32Image.parse(signed);
        SecureBootV2Block block = image.secureBootV2().orElseThrow().blocks().get(0);
        assertThat(image.secureBootV2().orElseThrow().sigSectorOffset()).isEqualTo(4096);
        assertThat(block.crcOk()).isTrue();
        assertThat(block.digestMatches()).isTrue();
        assertThat(block.publicKeyDigest()).isEqualTo(SecureBootSignatures.publicKeyDigest(trusted.getPublic()));

        Verdict verdict = new ImageValidator(ValidationPolicy.requireSignedBy(List.of(trusted.getPublic())))
                .validate(0x10000, signed, ESP32);
        assertThat(verdict.problems()).isEmpty();
        Verdict byDigest = new ImageValidator(ValidationPolicy.requireSignedByDigests(
                List.of(SecureBootSignatures.publicKeyDigest(trusted.getPublic()).toUpperCase())))
                .validate(0x10000, signed, ESP32);
        assertThat(byDigest.accepted()).isTrue();
    }

    @Test
    void aFlippedByteBreaksTheSignature() throws Exception {
        byte[] signed = TestImages.signSbv2(TestImages.app(), trusted);
        byte[] block = java.util.Arrays.copyOfRange(signed, 4096, 4096 + 1216);
        block[812] ^= 0x01; // first byte of the signature; re-seal the CRC so only the signature is wrong
        Bytes.putU32(block, 1196, Bytes.crc32(block, 0, 1196));
        System.arraycopy(block, 0, signed, 4096, block.length);
        Verdict verdict = new ImageValidator(ValidationPolicy.requireSignedBy(List.of(trusted.getPublic())))
                .validate(0x10000, signed, ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.BAD_SIGNATURE);
        assertThat(verdict.errors().get(0).message()).contains("does not verify with the key it carries");
    }

    @Test
    void aFlippedImageByteNoLongerMatchesTheSignedDigest() throws Exception {
        byte[] signed = TestImages.signSbv2(TestImages.app(), trusted);
        signed[3000] ^= 0x01; // in the 0xFF padding: image checks still pass, the signed digest does not
        Verdict verdict = ImageValidator.permissive().validate(0x10000, signed, ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.BAD_SIGNATURE);
        assertThat(verdict.errors().get(0).message()).contains("digest mismatch");
    }

    @Test
    void aKeyThatIsNotTrustedIsRefused() throws Exception {
        byte[] signed = TestImages.signSbv2(TestImages.app(), stranger);
        Verdict verdict = new ImageValidator(ValidationPolicy.requireSignedBy(List.of(trusted.getPublic())))
                .validate(0x10000, signed, ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.UNTRUSTED_KEY);
        assertThat(verdict.errors().get(0).message()).contains(SecureBootSignatures.publicKeyDigest(stranger.getPublic()));
        assertThat(ImageValidator.permissive().validate(0x10000, signed, ESP32).accepted())
                .as("without a policy a correct signature by any key is fine").isTrue();
    }
}
