package io.edgedeck.services.topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A payload as the explorer shows it: JSON indented (numbers as written), other UTF-8 text as it is, anything else as
 * a hex dump with the printable characters beside it.
 *
 * @param kind what the payload looked like
 * @param text what to show
 */
public record PayloadText(Kind kind, String text) {
    /** Bytes of a binary payload shown in the hex dump. */
    public static final int MAX_HEX_BYTES = 4_096;

    public enum Kind {
        JSON("JSON"), TEXT("text"), BINARY("binary"), EMPTY("empty");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** @param payload the bytes kept (perhaps only the first part of the payload) */
    public static PayloadText of(byte[] payload) {
        if (payload == null || payload.length == 0) return new PayloadText(Kind.EMPTY, "(empty payload)");
        String text = utf8(payload);
        if (text == null || hasControlCharacters(text)) return new PayloadText(Kind.BINARY, hex(payload));
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                return new PayloadText(Kind.JSON, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } catch (JsonProcessingException e) {
                // not JSON after all (or cut off at the display limit): shown as text
            }
        }
        return new PayloadText(Kind.TEXT, text);
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return true;
            if (c == 0x7f) return true;
        }
        return false;
    }

    /** "0000  7b 22 61 …  |{"a…|", 16 bytes a line, at most {@link #MAX_HEX_BYTES}. */
    static String hex(byte[] b) {
        int n = Math.min(b.length, MAX_HEX_BYTES);
        var out = new StringBuilder(n * 4 + 64);
        for (int line = 0; line < n; line += 16) {
            out.append(String.format(Locale.ROOT, "%04x  ", line));
            var ascii = new StringBuilder(16);
            for (int i = line; i < line + 16; i++) {
                if (i < n) {
                    int v = b[i] & 0xff;
                    out.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16)).append(' ');
                    ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
                } else {
                    out.append("   ");
                }
                if (i == line + 7) out.append(' ');
            }
            out.append(" |").append(ascii).append("|\n");
        }
        if (b.length > n) out.append(String.format(Locale.ROOT, "… %,d more bytes\n", b.length - n));
        return out.toString();
    }
}
