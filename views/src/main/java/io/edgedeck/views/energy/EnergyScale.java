package io.edgedeck.views.energy;

/** What the Energy bar chart shows per bar. */
public enum EnergyScale {
    HOURS("Hours (48)"), DAYS("Days (30)"), MONTHS("Months (12)");

    private final String label;

    EnergyScale(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
