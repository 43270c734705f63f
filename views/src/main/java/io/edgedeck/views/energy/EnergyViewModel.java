package io.edgedeck.views.energy;

import io.edgedeck.services.energy.EnergySummary;
import io.edgedeck.services.energy.PeriodEnergy;
import io.edgedeck.services.energy.PlugEnergy;
import io.edgedeck.services.energy.Tariff;
import io.edgedeck.services.energy.TariffBand;
import io.edgedeck.services.energy.TariffStore;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Energy screen: kWh and cost per plug and in total, a bar chart of one plug's (or all plugs') hours, days or
 * months, and the tariff (flat, or a day band with the rest of the day at a night price). Reports are computed off
 * the FX thread; a newer request's answer wins.
 */
public final class EnergyViewModel {
    private final Function<Tariff, EnergySummary> reports;
    private final TariffStore tariffs;
    private final Tasks tasks;

    private final ObservableList<EnergyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> plugChoices = FXCollections.observableArrayList(EnergySummary.TOTAL);
    private final ObjectProperty<String> chartPlug = new SimpleObjectProperty<>(this, "chartPlug", EnergySummary.TOTAL);
    private final ObjectProperty<EnergyScale> scale = new SimpleObjectProperty<>(this, "scale", EnergyScale.DAYS);
    private final ReadOnlyObjectWrapper<List<PeriodEnergy>> bars = new ReadOnlyObjectWrapper<>(this, "bars", List.of());
    private final ReadOnlyObjectWrapper<EnergySummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    // tariff editor
    private final BooleanProperty timeOfUse = new SimpleBooleanProperty(this, "timeOfUse");
    private final StringProperty flatPrice = new SimpleStringProperty(this, "flatPrice", "");
    private final StringProperty dayFrom = new SimpleStringProperty(this, "dayFrom", "07:00");
    private final StringProperty dayTo = new SimpleStringProperty(this, "dayTo", "23:00");
    private final StringProperty dayPrice = new SimpleStringProperty(this, "dayPrice", "");
    private final StringProperty nightPrice = new SimpleStringProperty(this, "nightPrice", "");
    private final StringProperty currency = new SimpleStringProperty(this, "currency", "€");
    private final ReadOnlyStringWrapper tariffMessage = new ReadOnlyStringWrapper(this, "tariffMessage", "");

    private Tariff tariff;
    private long generation;

    public EnergyViewModel(Function<Tariff, EnergySummary> reports, TariffStore tariffs, Tasks tasks) {
        this.reports = reports;
        this.tariffs = tariffs;
        this.tasks = tasks;
        chartPlug.addListener((o, a, b) -> updateBars());
        scale.addListener((o, a, b) -> updateBars());
    }

    // ---- Properties

    public ObservableList<EnergyRow> rows() {
        return rows;
    }

    /** "All plugs" and each plug id, for the chart. */
    public ObservableList<String> plugChoices() {
        return plugChoices;
    }

    public ObjectProperty<String> chartPlugProperty() {
        return chartPlug;
    }

    public ObjectProperty<EnergyScale> scaleProperty() {
        return scale;
    }

    /** The bars of the chosen plug and scale, oldest first. */
    public ReadOnlyObjectProperty<List<PeriodEnergy>> barsProperty() {
        return bars.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EnergySummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "All plugs: today 3.42 kWh (1.02 €) · this month 58.1 kWh (17.43 €) · standby 42 W". */
    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** Why there is nothing to show, or a failure in words; "" otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public BooleanProperty timeOfUseProperty() {
        return timeOfUse;
    }

    public StringProperty flatPriceProperty() {
        return flatPrice;
    }

    public StringProperty dayFromProperty() {
        return dayFrom;
    }

    public StringProperty dayToProperty() {
        return dayTo;
    }

    public StringProperty dayPriceProperty() {
        return dayPrice;
    }

    public StringProperty nightPriceProperty() {
        return nightPrice;
    }

    public StringProperty currencyProperty() {
        return currency;
    }

    /** "Saved." or what is wrong with the tariff typed. */
    public ReadOnlyStringProperty tariffMessageProperty() {
        return tariffMessage.getReadOnlyProperty();
    }

    // ---- Commands

    /** Loads the tariff (first time) and recomputes every figure in the background. */
    public void refresh() {
        long mine = ++generation;
        loading.set(true);
        Tariff known = tariff;
        tasks.run("computing energy", () -> {
            Tariff t = known != null ? known : tariffs.load();
            return reports.apply(t);
        }, s -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            if (tariff == null) {
                showTariff(s.tariff());
            }
            show(s);
        }, failure -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            message.set("Could not compute energy: " + Tasks.describe(failure));
        });
    }

    /** Checks the typed tariff; saves it and recomputes the costs, or says what is wrong. */
    public void saveTariff() {
        Tariff t;
        try {
            t = typedTariff();
        } catch (IllegalArgumentException e) {
            tariffMessage.set(e.getMessage());
            return;
        }
        tariff = t;
        tariffMessage.set("Saving…");
        tasks.run("saving the tariff", () -> {
            tariffs.save(t);
            return t;
        }, saved -> {
            tariffMessage.set("Saved.");
            refresh();
        }, failure -> tariffMessage.set("Could not save the tariff: " + Tasks.describe(failure)));
    }

    /** The tariff the editor's fields describe; throws with a message for a person. */
    Tariff typedTariff() {
        String cur = currency.get() == null ? "" : currency.get().strip();
        if (cur.isEmpty()) {
            throw new IllegalArgumentException("Type a currency symbol, e.g. € or £.");
        }
        if (!timeOfUse.get()) {
            return Tariff.flat(price(flatPrice.get(), "price per kWh"), cur);
        }
        LocalTime from = time(dayFrom.get(), "day band start");
        LocalTime to = time(dayTo.get(), "day band end");
        if (from.equals(to)) {
            throw new IllegalArgumentException("The day band must start and end at different times.");
        }
        return new Tariff(cur, List.of(new TariffBand(from, to, price(dayPrice.get(), "day price")),
                new TariffBand(to, from, price(nightPrice.get(), "night price"))));
    }

    // ---- Presentation

    private void show(EnergySummary s) {
        summary.set(s);
        String cur = s.tariff().currency();
        rows.clear();
        for (PlugEnergy p : s.plugs()) {
            rows.add(row(p, cur));
        }
        rows.add(row(s.total(), cur));
        for (PlugEnergy p : s.plugs()) {
            if (!plugChoices.contains(p.deviceId())) {
                plugChoices.add(p.deviceId());
            }
        }
        PlugEnergy t = s.total();
        totals.set(EnergySummary.TOTAL + ": today " + kwh(t.today().kwh()) + " (" + money(t.today().cost(), cur)
                + ") · this month " + kwh(t.thisMonth().kwh()) + " (" + money(t.thisMonth().cost(), cur) + ")"
                + (Double.isNaN(t.standbyWatts()) ? "" : " · standby " + watts(t.standbyWatts())));
        message.set(s.plugs().isEmpty() ? "No plugs yet: energy appears once a plug reports its power." : "");
        updateBars();
    }

    static EnergyRow row(PlugEnergy p, String cur) {
        PeriodEnergy today = p.today();
        PeriodEnergy month = p.thisMonth();
        String source = p.counterHours() == 0 ? "integrated power"
                : p.counterHours() == p.hours().size() ? "energy counter" : "counter + power";
        return new EnergyRow(p.deviceId(), kwh(today.kwh()), kwh(month.kwh()), money(month.cost(), cur),
                Double.isNaN(p.standbyWatts()) ? "—" : watts(p.standbyWatts()), source, completeness(month));
    }

    /** "complete", or "incomplete: data for 83 % of the time". */
    static String completeness(PeriodEnergy p) {
        return p.complete() ? "complete"
                : String.format(Locale.ROOT, "incomplete: data for %.0f %% of the time", 100 * p.coverage());
    }

    static String kwh(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f kWh" : "%,.1f kWh", v);
    }

    static String money(double v, String currency) {
        return String.format(Locale.ROOT, "%,.2f %s", v, currency);
    }

    static String watts(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.1f W" : "%,.0f W", v);
    }

    private void updateBars() {
        EnergySummary s = summary.get();
        if (s == null) {
            bars.set(List.of());
            return;
        }
        PlugEnergy p = s.plugs().stream().filter(x -> x.deviceId().equals(chartPlug.get())).findFirst()
                .orElse(s.total());
        bars.set(switch (scale.get()) {
            case HOURS -> p.hours();
            case DAYS -> p.days();
            case MONTHS -> p.months();
        });
    }

    private void showTariff(Tariff t) {
        tariff = t;
        currency.set(t.currency());
        timeOfUse.set(!t.isFlat());
        if (t.isFlat()) {
            flatPrice.set(plain(t.bands().getFirst().pricePerKwh()));
        } else {
            TariffBand day = t.bands().getFirst();
            dayFrom.set(day.start().toString());
            dayTo.set(day.end().toString());
            dayPrice.set(plain(day.pricePerKwh()));
            nightPrice.set(plain(t.bands().get(1).pricePerKwh()));
            flatPrice.set(plain(day.pricePerKwh()));
        }
    }

    private static String plain(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    private static double price(String text, String what) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip().replace(',', '.'));
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException("Type the " + what + " as a number, e.g. 0.32.");
    }

    private static LocalTime time(String text, String what) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip().length() == 4 ? "0" + text.strip() : text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Type the " + what + " as hours:minutes, e.g. 07:00.");
        }
    }
}
