package io.edgedeck.services.topics;

import io.edgedeck.link.codec.MappingRule;
import io.edgedeck.link.codec.TopicMapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a rule to a connection's mapping file (the format {@link TopicMapping} reads): the new rule goes first, so it
 * wins over the file's other rules; a rule with the same topic pattern is replaced. The file is written whole
 * ({@link TopicMapping#toJson()}, so comments in it are not kept: the previous file is kept beside it as
 * {@code <name>.bak}) and atomically.
 */
public final class TopicMappingFile {
    private TopicMappingFile() {
    }

    /**
     * @return the mapping the file holds now
     * @throws IllegalArgumentException in words when the existing file cannot be read or the file cannot be written
     */
    public static TopicMapping addRule(Path file, MappingRule rule) {
        List<MappingRule> rules = new ArrayList<>();
        rules.add(rule);
        boolean exists = Files.exists(file);
        if (exists) {
            for (MappingRule r : TopicMapping.load(file).rules()) {
                if (!r.topic().equals(rule.topic())) rules.add(r);
            }
        }
        TopicMapping mapping = TopicMapping.of(rules);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (exists) {
                Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
            }
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, mapping.toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The mapping file " + file + " cannot be written: " + e.getMessage(), e);
        }
        return mapping;
    }
}
