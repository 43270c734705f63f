package io.edgedeck.link.esp32.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every field esptool v5.3.1 reported for the real images in the shared fixtures, compared with our parse. */
class Esp32ImageFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> expectedFiles() {
        List<String> files = Fixtures.expectedJsonFiles();
        // An empty source would fail the parametrized test; one placeholder lets it skip with the reason instead.
        return files.isEmpty() ? Stream.of("(fixtures absent)") : files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void agreesWithEsptool(String expectedName) throws IOException {
        Fixtures.folder();
        JsonNode expected = JSON.readTree(Fixtures.read(expectedName));
        byte[] bin = Fixtures.read(expected.get("file").asText());
        Esp32Image image = Esp32Image.parse(bin);
        List<String> checked = new ArrayList<>();

        assertThat(bin.length).isEqualTo(expected.get("file_size").asInt());
        assertThat(Bytes.hex(Bytes.sha256(bin, 0, bin.length))).isEqualTo(expected.get("sha256_of_file").asText());

        JsonNode h = expected.get("header");
        assertThat(image.header().magic()).isEqualTo(h.get("magic").asInt());
        assertThat(image.header().segmentCount()).isEqualTo(h.get("segment_count").asInt());
        assertThat(image.header().spiMode()).isEqualTo(h.get("spi_mode").asInt());
        assertThat(image.header().spiModeName()).isEqualTo(h.get("spi_mode_name").asText());
        assertThat(image.header().flashSizeCode()).isEqualTo(h.get("flash_size_code").asInt());
        assertThat(image.header().flashFreqCode()).isEqualTo(h.get("flash_freq_code").asInt());
        assertThat(image.header().entryPoint()).isEqualTo(h.get("entry_point").asLong());
        checked.add("header");

        JsonNode x = expected.get("extended_header");
        ExtendedHeader ext = image.extendedHeader();
        assertThat(ext.wpPin()).isEqualTo(x.get("wp_pin").asInt());
        assertThat(ext.spiPinDrive()).isEqualTo(ints(x.get("spi_pin_drv")));
        assertThat(ext.chipId()).isEqualTo(x.get("chip_id").asInt());
        assertThat(ext.minChipRev()).isEqualTo(x.get("min_chip_rev").asInt());
        assertThat(ext.minChipRevFull()).isEqualTo(x.get("min_chip_rev_full").asInt());
        assertThat(ext.maxChipRevFull()).isEqualTo(x.get("max_chip_rev_full").asInt());
        assertThat(ext.hashAppended()).isEqualTo(x.get("hash_appended").asBoolean());
        checked.add("extended_header");

        JsonNode segs = expected.get("segments");
        assertThat(image.segments()).hasSize(segs.size());
        for (int i = 0; i < segs.size(); i++) {
            JsonNode s = segs.get(i);
            ImageSegment seg = image.segments().get(i);
            assertThat(seg.loadAddress()).as("segment %d load address", i).isEqualTo(s.get("load_addr").asLong());
            assertThat(seg.length()).as("segment %d length", i).isEqualTo(s.get("length").asLong());
            assertThat(seg.fileOffset()).as("segment %d file offset", i).isEqualTo(s.get("file_offset").asLong());
            List<String> types = new ArrayList<>();
            s.get("memory_types").forEach(t -> types.add(t.asText()));
            assertThat(seg.memoryTypes()).as("segment %d memory types", i).isEqualTo(types);
        }
        checked.add("segments");

        assertThat(image.checksumStored()).isEqualTo(expected.get("checksum_stored").asInt());
        assertThat(image.checksumCalculated()).isEqualTo(expected.get("checksum_calculated").asInt());
        assertThat(image.lengthIncludingChecksum()).isEqualTo(expected.get("image_length_including_checksum").asLong());
        assertThat(image.sha256Stored().orElse(null)).isEqualTo(textOrNull(expected.get("sha256_appended")));
        assertThat(image.sha256Calculated().orElse(null)).isEqualTo(textOrNull(expected.get("sha256_calculated")));
        assertThat(image.bytesAfterImage()).isEqualTo(expected.get("bytes_after_image").asLong());
        checked.addAll(List.of("checksum_stored", "checksum_calculated", "image_length_including_checksum",
                "sha256_appended", "sha256_calculated", "bytes_after_image"));

        JsonNode app = expected.get("app_desc");
        if (app.isNull()) {
            assertThat(image.appDescriptor()).isEmpty();
        } else {
            AppDescriptor d = image.appDescriptor().orElseThrow();
            assertThat(d.magicWord()).isEqualTo(app.get("magic_word").asLong());
            assertThat(d.secureVersion()).isEqualTo(app.get("secure_version").asLong());
            assertThat(d.version()).isEqualTo(app.get("version").asText());
            assertThat(d.projectName()).isEqualTo(app.get("project_name").asText());
            assertThat(d.time()).isEqualTo(app.get("time").asText());
            assertThat(d.date()).isEqualTo(app.get("date").asText());
            assertThat(d.idfVersion()).isEqualTo(app.get("idf_ver").asText());
            assertThat(d.appElfSha256()).isEqualTo(app.get("app_elf_sha256").asText());
            assertThat(AppDescriptor.blockRevision(d.minEfuseBlkRevFull())).isEqualTo(app.get("min_efuse_blk_rev_full").asText());
            assertThat(AppDescriptor.blockRevision(d.maxEfuseBlkRevFull())).isEqualTo(app.get("max_efuse_blk_rev_full").asText());
            assertThat(d.mmuPageSize()).isEqualTo(textOrNull(app.get("mmu_page_size")));
        }
        checked.add("app_desc");

        JsonNode boot = expected.get("bootloader_desc");
        if (boot.isNull()) {
            assertThat(image.bootloaderDescriptor()).isEmpty();
        } else {
            BootloaderDescriptor d = image.bootloaderDescriptor().orElseThrow();
            assertThat(d.magicByte()).isEqualTo(boot.get("magic_byte").asInt());
            assertThat(d.version()).isEqualTo(boot.get("version").asLong());
            assertThat(d.idfVersion()).isEqualTo(boot.get("idf_ver").asText());
            assertThat(d.dateTime()).isEqualTo(boot.get("date_time").asText());
        }
        checked.add("bootloader_desc");

        JsonNode v2 = expected.get("secure_boot_v2");
        if (v2 == null) {
            assertThat(image.secureBootV2()).isEmpty();
        } else {
            SecureBootV2Signature sig = image.secureBootV2().orElseThrow();
            SecureBootV2Block block = sig.blocks().get(0);
            assertThat(sig.sigSectorOffset()).isEqualTo(v2.get("sig_sector_offset").asLong());
            assertThat(block.magic()).isEqualTo(v2.get("magic").asInt());
            assertThat(block.version()).isEqualTo(v2.get("version").asInt());
            assertThat(block.imageDigest()).isEqualTo(v2.get("image_digest").asText());
            assertThat(block.digestMatches()).isEqualTo(v2.get("digest_matches_sha256_of_preceding_bytes").asBoolean());
            assertThat(block.blockCrc()).isEqualTo(v2.get("block_crc").asLong());
            assertThat(block.crcOk()).isEqualTo(v2.get("crc_ok").asBoolean());
            assertThat(sig.blocks()).as("blocks 1 and 2 are empty (0xFF)").hasSize(1);
            checked.add("secure_boot_v2");
        }

        JsonNode v1 = expected.get("secure_boot_v1");
        if (v1 == null) {
            assertThat(image.secureBootV1()).isEmpty();
        } else {
            SecureBootV1Signature sig = image.secureBootV1().orElseThrow();
            assertThat(sig.offset()).isEqualTo(v1.get("offset").asLong());
            assertThat(sig.versionWord()).isEqualTo(v1.get("version_word").asLong());
            assertThat(sig.signatureRs()).isEqualTo(v1.get("signature_r_s").asText());
            checked.add("secure_boot_v1");
        }

        // Every field in the reference was looked at (a new field in the fixtures makes this test say so).
        List<String> unchecked = new ArrayList<>();
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!checked.contains(f) && !List.of("file", "file_size", "sha256_of_file", "generated_by").contains(f)) {
                unchecked.add(f);
            }
        }
        assertThat(unchecked).as("fields of %s this test does not compare", expectedName).isEmpty();
    }

    @Test
    void recognisesWhatEachFixtureIs() {
        Map<String, ImageKind> kinds = Map.of(
                "hello_world_idf5.2.2.bin", ImageKind.APP,
                "hello_world_idf5.1.bin", ImageKind.APP,
                "hello-world_idf4.2-dev.bin", ImageKind.APP,
                "hello-world-signed_sbv1_idf3.3.bin", ImageKind.APP,
                "bootloader_idf5.2.2.bin", ImageKind.BOOTLOADER,
                "bootloader_idf5.2-dev.bin", ImageKind.BOOTLOADER,
                "bootloader_legacy_nodigest.bin", ImageKind.BOOTLOADER,
                "bootloader_signed_sbv2_rsa.bin", ImageKind.BOOTLOADER,
                "ram_app_idf5.bin", ImageKind.RAM_APP,
                "ram_helloworld_128B.bin", ImageKind.RAM_APP);
        Fixtures.folder();
        kinds.forEach((file, kind) -> assertThat(Esp32Image.parse(Fixtures.read(file)).kind()).as(file).isEqualTo(kind));
    }

    @Test
    void theSignedBootloadersRsaSignatureVerifiesWithTheKeyInItsBlock() {
        byte[] bin = Fixtures.read("bootloader_signed_sbv2_rsa.bin");
        Esp32Image image = Esp32Image.parse(bin);
        SecureBootV2Block block = image.secureBootV2().orElseThrow().blocks().get(0);
        assertThat(block.scheme()).isEqualTo(SignatureScheme.RSA_3072_PSS);
        assertThat(SecureBootSignatures.verify(bin, block)).isEqualTo(SecureBootSignatures.Check.VALID);
        bin[100] ^= 1;
        assertThat(SecureBootSignatures.verify(bin, block)).isEqualTo(SecureBootSignatures.Check.INVALID);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

}
