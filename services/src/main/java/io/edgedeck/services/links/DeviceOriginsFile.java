package io.edgedeck.services.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgedeck.services.files.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connection each device was last heard on, kept in {@code device-origins.json} beside settings.json:
 * <pre>{ "version": 1, "origins": { "plug-b1": "Plant B", "sim-plug-01": "Demo fleet (built-in broker)" } }</pre>
 * Written owner-only and atomically, the previous file kept as {@code .bak}. A file that cannot be read is never an
 * error: it is moved aside as {@code .corrupt}, a warning is logged, and the console starts without origins.
 */
public final class DeviceOriginsFile {
    public static final String FILE_NAME = "device-origins.json";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceOriginsFile.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DeviceOriginsFile(Path file) {
        this.file = file;
    }

    /** What was read, and why nothing was (a sentence for the event log), if so. */
    public record Loaded(Map<String, String> origins, Optional<String> problem) {
    }

    /** The remembered origins; empty for a missing file, and for a broken one (then moved aside). Never throws. */
    public Loaded load() {
        String why;
        try {
            return new Loaded(parse(json.readTree(Files.readAllBytes(file))), Optional.empty());
        } catch (NoSuchFileException e) {
            return new Loaded(Map.of(), Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
        Path aside = corruptOf(file);
        String problem;
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            problem = "The devices' remembered connections in " + file + " could not be read (" + why + "); it was "
                    + "kept as " + aside.getFileName() + ". Each device shows its connection again once it is heard.";
        } catch (IOException e) {
            problem = "The devices' remembered connections in " + file + " could not be read (" + why + ") nor moved "
                    + "aside (" + e.getMessage() + "). Each device shows its connection again once it is heard.";
        }
        LOG.warn("{}", problem);
        return new Loaded(Map.of(), Optional.of(problem));
    }

    private static Map<String, String> parse(JsonNode root) {
        JsonNode origins = root == null ? null : root.get("origins");
        if (origins == null || !origins.isObject()) {
            throw new IllegalArgumentException("no \"origins\" object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : origins.properties()) {
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank() || e.getKey().isBlank()) {
                throw new IllegalArgumentException("the origin of '" + e.getKey() + "' is not a connection name");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** Writes all origins (owner-only, atomically, the previous file kept as .bak). */
    public void save(Map<String, String> origins) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("version", 1);
        ObjectNode o = root.putObject("origins");
        origins.forEach(o::put);
        OwnerOnlyFiles.writeKeepingBackup(file, json.writeValueAsBytes(root), true);
    }

    public Path file() {
        return file;
    }

    /** Where a file that could not be read is kept: {@code <name>.corrupt}. */
    public static Path corruptOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".corrupt");
    }
}
