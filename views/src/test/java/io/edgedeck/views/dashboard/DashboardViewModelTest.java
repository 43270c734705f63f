package io.edgedeck.views.dashboard;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.MutableClock;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.FleetModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardViewModelTest {
    final MutableClock clock = new MutableClock(Instant.parse("2025-11-25T10:00:00Z"));
    final FleetModel fleet = new FleetModel(clock);
    final List<String> opened = new ArrayList<>();
    DashboardViewModel vm;

    void power(String id, double w) {
        fleet.committed(IngestBatch.of(List.of(new Reading(id, DeviceKind.PLUG, clock.millis(), Map.of(Metric.POWER, w)))), null);
    }

    @BeforeEach
    void fleetOfThree() {
        vm = new DashboardViewModel(fleet, new ConsoleInfo("b", false, "mem"), clock, opened::add);
        power("plug-02", 40);
        power("plug-01", 300);
        power("kitchen-03", 120);
        fleet.pulse();
    }

    static List<String> ids(List<DeviceModel> l) {
        return l.stream().map(DeviceModel::id).toList();
    }

    @Test
    void newDevicesAppearSortedById() {
        assertThat(ids(vm.visibleDevices())).containsExactly("kitchen-03", "plug-01", "plug-02");
        assertThat(vm.countTextProperty().get()).isEqualTo("3 devices, 3 online");
    }

    @Test
    void filterIsACaseInsensitiveIdSubstring() {
        vm.filterTextProperty().set("PLUG");
        assertThat(ids(vm.visibleDevices())).containsExactly("plug-01", "plug-02");
        assertThat(vm.countTextProperty().get()).isEqualTo("3 devices, 3 online · 2 shown");

        vm.filterTextProperty().set("nothing");
        assertThat(vm.visibleDevices()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).contains("nothing");
    }

    @Test
    void powerSortIsHighToLowAndIsReappliedOnlyEverySeconds() {
        vm.sortProperty().set(DeviceSort.POWER);
        assertThat(ids(vm.visibleDevices())).containsExactly("plug-01", "kitchen-03", "plug-02");

        power("plug-02", 1000);
        fleet.pulse();
        vm.onPulse();
        assertThat(ids(vm.visibleDevices())).as("not re-sorted on every pulse").startsWith("plug-01");

        clock.advance(Duration.ofMillis(DashboardViewModel.RESORT_MILLIS));
        fleet.pulse();
        vm.onPulse();
        assertThat(ids(vm.visibleDevices())).containsExactly("plug-02", "plug-01", "kitchen-03");
    }

    @Test
    void lastSeenSortPutsTheFreshestFirst() {
        clock.advance(Duration.ofSeconds(1));
        power("plug-02", 41);
        fleet.pulse();
        vm.sortProperty().set(DeviceSort.LAST_SEEN);
        assertThat(ids(vm.visibleDevices()).getFirst()).isEqualTo("plug-02");
    }

    @Test
    void offlineDevicesAreNotCountedOnline() {
        fleet.committed(IngestBatch.availability(new Availability("plug-02", DeviceKind.PLUG, false, clock.millis())), null);
        fleet.pulse();
        vm.onPulse();
        assertThat(vm.countTextProperty().get()).isEqualTo("3 devices, 2 online");
    }

    @Test
    void openingADeviceAsksForItsHistory() {
        vm.open(vm.visibleDevices().get(1));
        assertThat(opened).containsExactly("plug-01");
    }

    @Test
    void demoBannerFollowsConsoleInfo() {
        assertThat(vm.demoBannerVisibleProperty().get()).isFalse();
        var demo = new DashboardViewModel(fleet, new ConsoleInfo("b", true, "mem"), clock, opened::add);
        assertThat(demo.demoBannerVisibleProperty().get()).isTrue();
    }
}
