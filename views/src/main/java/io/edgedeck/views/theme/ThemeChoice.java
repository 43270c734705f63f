package io.edgedeck.views.theme;

/** What the user picked in View → Theme. */
public enum ThemeChoice {
    LIGHT("Light"),
    DARK("Dark"),
    SYSTEM("Follow system");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The choice named in settings ("light", "dark", "system"); unknown or missing names follow the system. */
    public static ThemeChoice parse(String name) {
        if (name != null) {
            for (ThemeChoice c : values()) {
                if (c.name().equalsIgnoreCase(name.strip())) {
                    return c;
                }
            }
        }
        return SYSTEM;
    }
}
