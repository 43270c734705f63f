package io.edgedeck.views.energy;

import io.edgedeck.services.energy.EnergySummary;
import io.edgedeck.services.energy.PeriodEnergy;
import io.edgedeck.services.energy.PlugEnergy;
import io.edgedeck.services.energy.Tariff;
import io.edgedeck.services.energy.TariffStore;
import io.edgedeck.views.common.Tasks;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnergyViewModelTest {
    static final Instant T = Instant.parse("2025-03-10T00:00:00Z");
    final Deque<Runnable> background = new ArrayDeque<>();
    final Tasks tasks = new Tasks(background::add, Runnable::run);
    final TariffStore store = TariffStore.inMemory();
    final List<Tariff> pricedWith = new ArrayList<>();

    EnergySummary summary(Tariff t) {
        pricedWith.add(t);
        PeriodEnergy day = new PeriodEnergy(T, T.plusSeconds(86_400), 2.0, 2.0 * t.priceAt(LocalTime.NOON), 43_200_000, 86_400_000);
        PlugEnergy p = new PlugEnergy("plug-1", List.of(day), List.of(day), List.of(day), 0, 4.5);
        return new EnergySummary(T, t, List.of(p), p);
    }

    final EnergyViewModel vm = new EnergyViewModel(this::summary, store, tasks);

    void runAll() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void rowsShowKwhCostStandbyAndAnIncompleteMonthInWords() {
        vm.refresh();
        runAll();
        assertThat(vm.rows()).first().isEqualTo(new EnergyRow("plug-1", "2.00 kWh", "2.00 kWh", "0.60 €", "4.5 W",
                "integrated power", "incomplete: data for 50 % of the time"));
        assertThat(vm.flatPriceProperty().get()).isEqualTo("0.3");
        assertThat(vm.barsProperty().get()).hasSize(1);
        assertThat(vm.totalsProperty().get()).startsWith("All plugs: today 2.00 kWh (0.60 €)");
    }

    @Test
    void aTimeOfUseTariffIsSavedAndPricesTheNextReport() {
        vm.refresh();
        runAll();
        vm.timeOfUseProperty().set(true);
        vm.dayFromProperty().set("7:00");
        vm.dayToProperty().set("23:00");
        vm.dayPriceProperty().set("0,32");
        vm.nightPriceProperty().set("0.18");
        vm.currencyProperty().set("£");
        vm.saveTariff();
        runAll();

        Tariff saved = store.load();
        assertThat(saved.currency()).isEqualTo("£");
        assertThat(saved.priceAt(LocalTime.of(12, 0))).isEqualTo(0.32);
        assertThat(saved.priceAt(LocalTime.of(2, 0))).isEqualTo(0.18);
        assertThat(pricedWith.getLast()).isEqualTo(saved);
        assertThat(vm.rows().getFirst().monthCost()).isEqualTo("0.64 £");
        assertThat(vm.tariffMessageProperty().get()).isEqualTo("Saved.");
    }

    @Test
    void aTariffTypedWrongIsRefusedInWordsAndNotSaved() {
        vm.timeOfUseProperty().set(false);
        vm.flatPriceProperty().set("cheap");
        vm.saveTariff();
        assertThat(vm.tariffMessageProperty().get()).isEqualTo("Type the price per kWh as a number, e.g. 0.32.");
        vm.timeOfUseProperty().set(true);
        vm.dayFromProperty().set("7am");
        vm.saveTariff();
        assertThat(vm.tariffMessageProperty().get()).isEqualTo("Type the day band start as hours:minutes, e.g. 07:00.");
        assertThat(background).isEmpty();
        assertThat(store.load()).isEqualTo(Tariff.defaultTariff());
    }

    @Test
    void anOlderReportArrivingLastIsIgnored() {
        vm.refresh();
        vm.refresh();
        background.pollLast().run();
        int rows = vm.rows().size();
        background.pollFirst().run();
        assertThat(vm.rows()).hasSize(rows);
        assertThat(vm.loadingProperty().get()).isFalse();
    }
}
