package io.edgedeck.views.devices;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.views.MutableClock;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.FleetModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevicesViewModelTest {
    @Test
    void filtersByIdOrKindAndFollowsNewDevices() {
        var clock = new MutableClock(Instant.parse("2025-11-25T10:00:00Z"));
        var fleet = new FleetModel(clock);
        var opened = new ArrayList<String>();
        var vm = new DevicesViewModel(fleet, opened::add);
        fleet.committed(IngestBatch.of(List.of(
                new Reading("hall", DeviceKind.SENSOR, clock.millis(), Map.of(Metric.TEMPERATURE, 20.0)),
                new Reading("desk", DeviceKind.PLUG, clock.millis(), Map.of(Metric.POWER, 20.0)))), null);
        fleet.pulse();
        assertThat(vm.countText().get()).isEqualTo("2 devices");

        vm.filterTextProperty().set("sensor");
        assertThat(vm.rows()).extracting(DeviceModel::id).containsExactly("hall");
        assertThat(vm.countText().get()).isEqualTo("1 of 2 devices");

        vm.filterTextProperty().set("DES");
        assertThat(vm.rows()).extracting(DeviceModel::id).containsExactly("desk");
        vm.open(vm.rows().getFirst());
        assertThat(opened).containsExactly("desk");
    }
}
