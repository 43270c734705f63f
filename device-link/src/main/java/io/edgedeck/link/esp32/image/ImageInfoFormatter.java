package io.edgedeck.link.esp32.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Renders an {@link ImageInfo}: as text laid out like {@code esptool image-info} (same sections and lines, then
 * EdgeDeck's own: kind, where the image ends, signatures, partitions), or as JSON whose field names follow
 * the fixtures' {@code *.expected.json}.
 */
public final class ImageInfoFormatter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageInfoFormatter() {
    }

    public static String toText(ImageInfo info) {
        StringBuilder out = new StringBuilder();
        line(out, "Image size: " + info.fileSize() + " bytes");
        info.error().ifPresent(e -> line(out, "Not an ESP32 image or partition table: " + e));
        info.partitionTable().filter(t -> info.kind() == ImageInfo.Kind.PARTITION_TABLE).ifPresent(t -> table(out, t));
        info.merged().ifPresent(m -> {
            line(out, "Detected: merged flash file");
            section(out, String.format("Bootloader at 0x%X", m.bootloaderOffset()));
            image(out, m.bootloader());
            table(out, m.partitionTable());
            for (MergedImage.AppInSlot app : m.apps()) {
                section(out, String.format("Application in %s at 0x%X", app.slot().label(), app.slot().offset()));
                image(out, app.image());
            }
        });
        if (info.kind() == ImageInfo.Kind.IMAGE) {
            image(out, info.image().orElseThrow());
        }
        return out.toString();
    }

    private static void image(StringBuilder out, Esp32Image image) {
        String chip = image.extendedHeader().chipName();
        ImageHeader h = image.header();
        ExtendedHeader x = image.extendedHeader();
        line(out, "Detected image type: " + chip);
        section(out, chip + " Image Header");
        line(out, "Image version: 1");
        line(out, h.entryPoint() != 0 ? String.format("Entry point: 0x%x", h.entryPoint()) : "Entry point not set");
        line(out, "Segments: " + image.segments().size());
        line(out, h.flashSizeName() != null ? "Flash size: " + h.flashSizeName()
                : String.format("Flash size: invalid (0x%x)", h.flashSizeCode() << 4));
        line(out, h.flashFreqName() != null ? "Flash freq: " + h.flashFreqName()
                : String.format("Flash freq: invalid (0x%x)", h.flashFreqCode()));
        line(out, "Flash mode: " + h.spiModeName());
        section(out, chip + " Extended Image Header");
        line(out, String.format("WP pin: 0x%x", x.wpPin()) + (x.wpPin() == ExtendedHeader.WP_PIN_DISABLED ? " (disabled)" : ""));
        line(out, String.format("Flash pins drive settings: clk_drv: 0x%x, q_drv: 0x%x, d_drv: 0x%x, cs0_drv: 0x%x, "
                + "hd_drv: 0x%x, wp_drv: 0x%x", x.clkDrv(), x.qDrv(), x.dDrv(), x.cs0Drv(), x.hdDrv(), x.wpDrv()));
        line(out, "Chip ID: " + x.chipId() + " (" + (image.chip().isPresent() ? chip : "Unknown ID") + ")");
        line(out, "Minimal chip revision: " + ExtendedHeader.revision(x.minChipRevFull()) + ", (legacy min_rev = "
                + x.minChipRev() + ")");
        line(out, "Maximal chip revision: " + ExtendedHeader.revision(x.maxChipRevFull()));
        section(out, "Segments Information");
        line(out, "Segment   Length   Load addr   File offs  Memory types");
        line(out, "-------  -------  ----------  ----------  ------------");
        for (ImageSegment s : image.segments()) {
            line(out, String.format("%7d  0x%05x  0x%08x  0x%08x  %s", s.index(), s.length(), s.loadAddress(),
                    s.fileOffset(), String.join(", ", s.memoryTypes())));
        }
        section(out, chip + " Image Footer");
        line(out, String.format("Checksum: 0x%02x (%s)", image.checksumStored(), image.checksumValid() ? "valid"
                : String.format("invalid - calculated 0x%02x", image.checksumCalculated())));
        image.sha256Calculated().ifPresent(sha -> line(out, "Validation hash: " + sha + " ("
                + (image.sha256Valid() ? "valid" : "invalid") + ")"));
        image.appDescriptor().ifPresent(d -> {
            section(out, "Application Information");
            line(out, "Project name: " + d.projectName());
            line(out, "App version: " + d.version());
            line(out, "Compile time: " + d.date() + " " + d.time());
            line(out, "ELF file SHA256: " + d.appElfSha256());
            line(out, "ESP-IDF: " + d.idfVersion());
            line(out, "Minimal eFuse block revision: " + AppDescriptor.blockRevision(d.minEfuseBlkRevFull()));
            line(out, "Maximal eFuse block revision: " + AppDescriptor.blockRevision(d.maxEfuseBlkRevFull()));
            if (d.mmuPageSize() != null) {
                line(out, "MMU page size: " + d.mmuPageSize());
            }
            line(out, "Secure version: " + d.secureVersion());
        });
        image.bootloaderDescriptor().ifPresent(d -> {
            section(out, "Bootloader Information");
            line(out, "Bootloader version: " + d.version());
            line(out, "ESP-IDF: " + d.idfVersion());
            line(out, "Compile time: " + d.dateTime());
        });
        section(out, "Image Layout");
        line(out, "Kind: " + image.kind().description());
        line(out, String.format("Image ends at: 0x%x (%d bytes)", image.endOffset(), image.endOffset()));
        line(out, "Bytes after image: " + image.bytesAfterImage());
        image.secureBootV2().ifPresent(sig -> {
            section(out, "Secure Boot V2 Signature");
            line(out, String.format("Signature sector at: 0x%x", sig.sigSectorOffset()));
            for (SecureBootV2Block b : sig.blocks()) {
                line(out, String.format("Block %d: %s, digest %s (%s), CRC 0x%08x (%s), key digest %s", b.index(),
                        b.scheme().description(), b.imageDigest(), b.digestMatches() ? "matches" : "does not match",
                        b.blockCrc(), b.crcOk() ? "valid" : "invalid", b.publicKeyDigest()));
            }
        });
        image.secureBootV1().ifPresent(sig -> {
            section(out, "Secure Boot V1 Signature");
            line(out, String.format("Signature at: 0x%x, version %d", sig.offset(), sig.versionWord()));
            line(out, "Signature (r||s): " + sig.signatureRs());
        });
    }

    private static void table(StringBuilder out, PartitionTable t) {
        section(out, "Partition Table");
        line(out, "Label             Type  SubType   Offset      Size        Flags");
        for (Partition p : t.entries()) {
            line(out, String.format("%-16s  %-4s  %-8s  0x%08x  0x%08x  0x%x", p.label(), p.typeName(),
                    p.subtypeName(), p.offset(), p.size(), p.flags()));
        }
        line(out, t.md5Stored().map(m -> "MD5: " + m + (t.md5Valid() ? " (valid)" : " (invalid - calculated "
                + t.md5Calculated().orElse("?") + ")")).orElse("MD5: none"));
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n').append("=".repeat(title.length())).append('\n');
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    /** The JSON form (pretty-printed). */
    public static String toJson(ImageInfo info) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJsonTree(info));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    public static ObjectNode toJsonTree(ImageInfo info) {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", info.fileName());
        root.put("file_size", info.fileSize());
        root.put("sha256_of_file", info.sha256OfFile());
        root.put("kind", info.kind().name().toLowerCase(java.util.Locale.ROOT));
        info.error().ifPresent(e -> root.put("error", e));
        if (info.kind() == ImageInfo.Kind.IMAGE) {
            root.setAll(image(info.image().orElseThrow()));
        }
        info.partitionTable().ifPresent(t -> root.set("partition_table", table(t)));
        info.merged().ifPresent(m -> {
            ObjectNode merged = root.putObject("merged");
            merged.put("bootloader_offset", m.bootloaderOffset());
            merged.set("bootloader", image(m.bootloader()));
            ArrayNode apps = merged.putArray("apps");
            for (MergedImage.AppInSlot app : m.apps()) {
                ObjectNode a = apps.addObject();
                a.put("partition", app.slot().label());
                a.put("offset", app.slot().offset());
                a.set("image", image(app.image()));
            }
        });
        return root;
    }

    private static ObjectNode image(Esp32Image image) {
        ObjectNode o = JSON.createObjectNode();
        o.put("image_kind", image.kind().name().toLowerCase(java.util.Locale.ROOT));
        ImageHeader h = image.header();
        ObjectNode header = o.putObject("header");
        header.put("magic", h.magic());
        header.put("segment_count", h.segmentCount());
        header.put("spi_mode", h.spiMode());
        header.put("spi_mode_name", h.spiModeName());
        header.put("flash_size_code", h.flashSizeCode());
        header.put("flash_size", h.flashSizeName());
        header.put("flash_freq_code", h.flashFreqCode());
        header.put("flash_freq", h.flashFreqName());
        header.put("entry_point", h.entryPoint());
        ExtendedHeader x = image.extendedHeader();
        ObjectNode ext = o.putObject("extended_header");
        ext.put("wp_pin", x.wpPin());
        ArrayNode drv = ext.putArray("spi_pin_drv");
        x.spiPinDrive().forEach(drv::add);
        ext.put("chip_id", x.chipId());
        ext.put("chip_name", x.chipName());
        ext.put("min_chip_rev", x.minChipRev());
        ext.put("min_chip_rev_full", x.minChipRevFull());
        ext.put("max_chip_rev_full", x.maxChipRevFull());
        ext.put("hash_appended", x.hashAppended());
        ArrayNode segments = o.putArray("segments");
        for (ImageSegment s : image.segments()) {
            ObjectNode seg = segments.addObject();
            seg.put("load_addr", s.loadAddress());
            seg.put("length", s.length());
            seg.put("file_offset", s.fileOffset());
            ArrayNode types = seg.putArray("memory_types");
            s.memoryTypes().forEach(types::add);
        }
        o.put("checksum_stored", image.checksumStored());
        o.put("checksum_calculated", image.checksumCalculated());
        o.put("checksum_valid", image.checksumValid());
        o.put("image_length_including_checksum", image.lengthIncludingChecksum());
        o.put("sha256_appended", image.sha256Stored().orElse(null));
        o.put("sha256_calculated", image.sha256Calculated().orElse(null));
        o.put("sha256_valid", image.sha256Valid());
        o.put("end_offset", image.endOffset());
        o.put("bytes_after_image", image.bytesAfterImage());
        o.set("app_desc", image.appDescriptor().<com.fasterxml.jackson.databind.JsonNode>map(d -> {
            ObjectNode a = JSON.createObjectNode();
            a.put("magic_word", d.magicWord());
            a.put("secure_version", d.secureVersion());
            a.put("version", d.version());
            a.put("project_name", d.projectName());
            a.put("time", d.time());
            a.put("date", d.date());
            a.put("idf_ver", d.idfVersion());
            a.put("app_elf_sha256", d.appElfSha256());
            a.put("min_efuse_blk_rev_full", AppDescriptor.blockRevision(d.minEfuseBlkRevFull()));
            a.put("max_efuse_blk_rev_full", AppDescriptor.blockRevision(d.maxEfuseBlkRevFull()));
            a.put("mmu_page_size", d.mmuPageSize());
            return a;
        }).orElse(JSON.nullNode()));
        o.set("bootloader_desc", image.bootloaderDescriptor().<com.fasterxml.jackson.databind.JsonNode>map(d -> {
            ObjectNode b = JSON.createObjectNode();
            b.put("magic_byte", d.magicByte());
            b.put("version", d.version());
            b.put("idf_ver", d.idfVersion());
            b.put("date_time", d.dateTime());
            return b;
        }).orElse(JSON.nullNode()));
        image.secureBootV2().ifPresent(sig -> {
            List<SecureBootV2Block> blocks = sig.blocks();
            ObjectNode v2 = o.putObject("secure_boot_v2");
            v2.put("sig_sector_offset", sig.sigSectorOffset());
            if (!blocks.isEmpty()) { // block 0 flat, like the fixtures; all blocks under "blocks"
                putBlock(v2, blocks.get(0));
            }
            ArrayNode all = v2.putArray("blocks");
            blocks.forEach(b -> putBlock(all.addObject().put("index", b.index()), b));
        });
        image.secureBootV1().ifPresent(sig -> {
            ObjectNode v1 = o.putObject("secure_boot_v1");
            v1.put("offset", sig.offset());
            v1.put("version_word", sig.versionWord());
            v1.put("signature_r_s", sig.signatureRs());
        });
        return o;
    }

    private static void putBlock(ObjectNode node, SecureBootV2Block b) {
        node.put("magic", b.magic());
        node.put("version", b.version());
        node.put("scheme", b.scheme().name());
        node.put("image_digest", b.imageDigest());
        node.put("digest_matches_sha256_of_preceding_bytes", b.digestMatches());
        node.put("block_crc", b.blockCrc());
        node.put("crc_ok", b.crcOk());
        node.put("public_key_digest", b.publicKeyDigest());
    }

    private static ObjectNode table(PartitionTable t) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode entries = o.putArray("entries");
        for (Partition p : t.entries()) {
            ObjectNode e = entries.addObject();
            e.put("label", p.label());
            e.put("type", p.type());
            e.put("type_name", p.typeName());
            e.put("subtype", p.subtype());
            e.put("subtype_name", p.subtypeName());
            e.put("offset", p.offset());
            e.put("size", p.size());
            e.put("flags", p.flags());
        }
        o.put("md5_stored", t.md5Stored().orElse(null));
        o.put("md5_calculated", t.md5Calculated().orElse(null));
        o.put("md5_valid", t.md5Valid());
        return o;
    }
}
