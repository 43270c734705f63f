package io.edgedeck.link.esp32.image;

import io.edgedeck.link.esp32.testing.TestFirmware;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chip-revision rule esptool applies before writing (cmds.py), and the validator's refusal. */
class RevisionRangeTest {

    private static ExtendedHeader header(int minRev, int minFull, int maxFull) {
        return new ExtendedHeader(0xEE, List.of(0, 0, 0), 0, minRev, minFull, maxFull, true);
    }

    @Test
    void aFullRangeAdmitsOnlyRevisionsInside() {
        RevisionRange r = RevisionRange.of(header(3, 300, 399));
        assertThat(r.admits(300)).isTrue();
        assertThat(r.admits(301)).isTrue();
        assertThat(r.admits(399)).isTrue();
        assertThat(r.admits(100)).isFalse();
        assertThat(r.refusal(100)).hasValueSatisfying(m -> assertThat(m).startsWith(
                "The image runs on chip revisions v3.0 to v3.99; this board is v1.0."));
    }

    @Test
    void noMaximumSaysWhatTheImageNeeds() {
        RevisionRange r = RevisionRange.of(header(3, 300, 0xFFFF));
        assertThat(r.admits(500)).isTrue();
        assertThat(r.refusal(100)).hasValueSatisfying(m -> assertThat(m).startsWith(
                "The image needs chip revision ≥ v3.0; this board is v1.0."));
    }

    @Test
    void oldImagesWithoutFullFieldsCompareTheMajorRevisionOnly() {
        // max_rev_full = 0: an image from before IDF 5; legacy min_rev 1 admits v1.0 and v1.3, not v0.0
        RevisionRange legacy = RevisionRange.of(header(1, 0, 0));
        assertThat(legacy.legacyMajorOnly()).isTrue();
        assertThat(legacy.admits(103)).isTrue();
        assertThat(legacy.admits(0)).isFalse();
        // no maximum and only the legacy field set: the legacy field counts (esptool's rule)
        assertThat(RevisionRange.of(header(2, 0, 0xFFFF)).admits(100)).isFalse();
        assertThat(RevisionRange.of(header(2, 0, 0xFFFF)).admits(200)).isTrue();
    }

    @Test
    void theValidatorRefusesAnImageOnlyWhenTheBoardRevisionIsKnownAndOutside() {
        byte[] v3Only = TestFirmware.withChipRevisions(TestFirmware.app(2_000), 300, 399);
        ImageValidator v = ImageValidator.permissive();
        FlashTarget unknown = FlashTarget.of(ChipType.ESP32);
        assertThat(v.validate(0x10000, v3Only, unknown).accepted()).as("revision not read yet").isTrue();
        Verdict onV1 = v.validate(0x10000, v3Only, unknown.withChipRevision(100));
        assertThat(onV1.accepted()).isFalse();
        assertThat(onV1.problem(ValidationProblem.Code.CHIP_REVISION)).hasValueSatisfying(p ->
                assertThat(p.message()).contains("v3.0 to v3.99").contains("this board is v1.0"));
        assertThat(v.validate(0x10000, v3Only, unknown.withChipRevision(301)).accepted()).isTrue();
    }
}
