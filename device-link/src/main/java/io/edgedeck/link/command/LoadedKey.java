package io.edgedeck.link.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A key read from a file.
 *
 * @param file     where it came from
 * @param operator the {@code Operator: NAME} line of an EdgeDeck key file, if any
 * @param key      the unlocked key
 * @param warnings things the user should fix, e.g. "alice.key is readable by other users; run chmod 600 alice.key"
 */
public record LoadedKey(Path file, Optional<String> operator, OperatorKey key, List<String> warnings) {
    public LoadedKey {
        warnings = List.copyOf(warnings);
    }
}
