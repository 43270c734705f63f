package io.edgedeck.link.esp32.loader;

import java.util.Set;

/**
 * Espressif chips the loader can recognise. Only {@link #ESP32} is flashable here; the others are named so the user
 * learns what is connected. Detection: the word at 0x40001000 ({@link #DETECT_REGISTER}), then for newer chips the
 * chip id in GET_SECURITY_INFO.
 */
public enum Chip {
    ESP8266("ESP8266", Set.of(0xFFF0C101), -1, false),
    ESP32("ESP32", Set.of(0x00F01D83), 0, true),
    ESP32_S2("ESP32-S2", Set.of(0x000007C6), 2, false),
    ESP32_S3("ESP32-S3", Set.of(0x00000009), 9, false),
    ESP32_C3("ESP32-C3", Set.of(0x6921506F, 0x1B31506F, 0x4881606F, 0x4361606F), 5, false),
    ESP32_C2("ESP32-C2", Set.of(0x6F51306F, 0x7C41A06F), 12, false),
    ESP32_C6("ESP32-C6", Set.of(), 13, false),
    ESP32_H2("ESP32-H2", Set.of(), 16, false),
    ESP32_P4("ESP32-P4", Set.of(), 18, false),
    ESP32_C5("ESP32-C5", Set.of(), 23, false);

    public static final int DETECT_REGISTER = 0x40001000;

    private final String displayName;
    private final Set<Integer> magicValues;
    private final int imageChipId;
    private final boolean flashable;

    Chip(String displayName, Set<Integer> magicValues, int imageChipId, boolean flashable) {
        this.displayName = displayName;
        this.magicValues = magicValues;
        this.imageChipId = imageChipId;
        this.flashable = flashable;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether EdgeDeck's ROM-only flasher can write this chip. */
    public boolean flashable() {
        return flashable;
    }

    /** The chip id an image header carries for this chip (ESP32 = 0), -1 for the ESP8266. */
    public int imageChipId() {
        return imageChipId;
    }

    public static Chip byMagic(long magic) {
        for (Chip c : values()) {
            if (c.magicValues.contains((int) magic)) {
                return c;
            }
        }
        return null;
    }

    public static Chip byChipId(int id) {
        for (Chip c : values()) {
            if (c.imageChipId == id && id >= 0) {
                return c;
            }
        }
        return null;
    }
}
