package io.edgedeck.views.energy;

/** One line of the Energy table, as shown. */
public record EnergyRow(String device, String today, String month, String monthCost, String standby, String source,
                        String completeness) {
}
