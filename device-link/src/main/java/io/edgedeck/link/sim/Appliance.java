package io.edgedeck.link.sim;

/** What a simulated plug has plugged into it; decides its power curve over the day. */
public enum Appliance {
    /** Compressor cycles: ~85–120 W for 4–8 min, then ~1 W for 6–12 min; start-up surge. */
    FRIDGE("fridge"),
    /** Standby below 1 W; a few times an hour (more in the morning and evening) 1.9–2.2 kW for 2–4 min. */
    KETTLE("kettle"),
    /** Evening viewing 18:00–23:30 at 70–140 W, standby 0.5–1 W otherwise. */
    TV("tv"),
    /** Desk PC: office hours and evening at 60–120 W with gaming bursts to 350 W, standby 2–5 W. */
    PC("pc"),
    /** Washing machine: a cycle every few hours by day: fill, heat (~2 kW), wash, rinse, spin; standby ~1 W. */
    WASHING_MACHINE("washing machine"),
    /** Chargers, routers and sleeping gadgets: a steady 0.5–5 W. */
    STANDBY("standby");

    private final String label;

    Appliance(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
