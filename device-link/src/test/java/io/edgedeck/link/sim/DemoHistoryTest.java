package io.edgedeck.link.sim;

import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoHistoryTest {
    @Test
    void thePastHasTheFleetsIdsEveryStepAndNoEnergyCounter() {
        List<Reading> all = new ArrayList<>();
        DemoHistory.generate(new SimulationConfig(3, 1, 1.0, 42), ZoneOffset.UTC, 0, 3_600_000, 300_000, all::addAll);

        assertThat(all).hasSize(12 * 4);
        assertThat(all).extracting(Reading::deviceId).containsOnly("sim-plug-01", "sim-plug-02", "sim-plug-03", "sim-climate-01");
        assertThat(all).filteredOn(r -> r.deviceId().equals("sim-plug-01")).extracting(Reading::epochMillis)
                .containsExactly(0L, 300_000L, 600_000L, 900_000L, 1_200_000L, 1_500_000L, 1_800_000L, 2_100_000L,
                        2_400_000L, 2_700_000L, 3_000_000L, 3_300_000L);
        assertThat(all).noneMatch(r -> r.values().containsKey(Metric.ENERGY));
        assertThat(all).filteredOn(r -> r.deviceId().startsWith("sim-plug")).allMatch(r -> r.values().containsKey(Metric.POWER));
    }
}
