package io.edgedeck.views.history;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.HistorySeries;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Resolution;
import io.edgedeck.db.SeriesPoint;
import io.edgedeck.views.common.Formats;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.FleetModel;
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
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The History screen: one device's metric over a time range. Queries run in the background; only the newest
 * request's answer is shown (an older one arriving late is dropped).
 */
public final class HistoryViewModel {
    /** Points asked for: about the chart's width in pixels. */
    public static final int MAX_POINTS = 1500;
    static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    private final FleetModel fleet;
    private final SeriesSource source;
    private final Tasks tasks;
    private final Clock clock;
    private final ZoneId zone;

    private final ObservableList<String> deviceIds = FXCollections.observableArrayList();
    private final ObjectProperty<String> device = new SimpleObjectProperty<>(this, "device");
    private final ReadOnlyObjectWrapper<DeviceKind> kind = new ReadOnlyObjectWrapper<>(this, "kind");
    private final ObservableList<Metric> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(this, "metric");
    private final ObjectProperty<RangePreset> preset = new SimpleObjectProperty<>(this, "preset", RangePreset.HOUR);
    private final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>(this, "customFrom");
    private final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>(this, "customTo");
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(this, "autoRefresh", true);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper showProgress = new ReadOnlyBooleanWrapper(this, "showProgress");
    private final ReadOnlyObjectWrapper<SeriesResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", "Choose a device to see its history.");
    private final ReadOnlyStringWrapper valueAxisLabel = new ReadOnlyStringWrapper(this, "valueAxisLabel", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper zoomed = new ReadOnlyBooleanWrapper(this, "zoomed");

    private final BooleanProperty compare = new SimpleBooleanProperty(this, "compare");
    private final BooleanProperty stacked = new SimpleBooleanProperty(this, "stacked");
    private final ObservableList<Metric> stackedMetrics = FXCollections.observableArrayList();
    private final ObservableList<String> overlayDevices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper resolutionText = new ReadOnlyStringWrapper(this, "resolutionText", "");
    private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper(this, "exportMessage", "");
    private CsvExporter csv;

    private long generation;
    private boolean adjusting;
    private long lastLoadMillis;

    public HistoryViewModel(FleetModel fleet, SeriesSource source, Tasks tasks, Clock clock, ZoneId zone) {
        this.fleet = fleet;
        this.source = source;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        LocalDate today = LocalDate.now(clock.withZone(zone));
        customFrom.set(today.minusDays(7));
        customTo.set(today);

        fleet.devices().addListener((ListChangeListener<DeviceModel>) c -> syncDeviceIds());
        syncDeviceIds();
        device.addListener((o, a, b) -> deviceChanged());
        metric.addListener((o, a, b) -> reloadUnlessAdjusting());
        preset.addListener((o, a, b) -> reloadUnlessAdjusting());
        customFrom.addListener((o, a, b) -> reloadIfCustom());
        customTo.addListener((o, a, b) -> reloadIfCustom());
        compare.addListener((o, a, b) -> rerun());
        stacked.addListener((o, a, b) -> rerun());
        stackedMetrics.addListener((ListChangeListener<Metric>) c -> {
            if (stacked.get()) {
                rerun();
            }
        });
        overlayDevices.addListener((ListChangeListener<String>) c -> rerun());
    }

    /** The shown range again (zoomed or not) with the current comparison and overlays. */
    private void rerun() {
        SeriesResult r = result.get();
        if (r != null && !adjusting) {
            SeriesQuery q = r.query();
            // after the stacked mode the query names its first field: back to the chosen metric
            run(metric.get() == null ? q : new SeriesQuery(q.deviceId(), metric.get(), q.from(), q.to(), q.maxPoints()),
                    false);
        }
    }

    /** Writes a query's range as CSV at a resolution; returns the data rows. Runs off the FX thread. */
    @FunctionalInterface
    public interface CsvExporter {
        long write(SeriesQuery query, Resolution resolution, java.nio.file.Path file) throws Exception;
    }

    /** Where "Export CSV" writes from; without one the command says there is nothing to save. */
    public void setCsvExporter(CsvExporter exporter) {
        this.csv = exporter;
    }

    // ---- Properties

    /** Known device ids, sorted. */
    public ObservableList<String> deviceIds() {
        return deviceIds;
    }

    /** The live device behind an id (for its last-heard text in the picker). */
    public java.util.Optional<DeviceModel> findDevice(String id) {
        return fleet.find(id);
    }

    public ObjectProperty<String> deviceProperty() {
        return device;
    }

    public ReadOnlyObjectProperty<DeviceKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** The metrics offered for the device's kind. */
    public ObservableList<Metric> metrics() {
        return metrics;
    }

    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }

    public ObjectProperty<RangePreset> presetProperty() {
        return preset;
    }

    public List<RangePreset> presets() {
        return List.of(RangePreset.values());
    }

    public ObjectProperty<LocalDate> customFromProperty() {
        return customFrom;
    }

    public ObjectProperty<LocalDate> customToProperty() {
        return customTo;
    }

    /** Reload the live edge every few seconds (preset ranges, not zoomed). */
    public BooleanProperty autoRefreshProperty() {
        return autoRefresh;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Loading something the user asked for (auto-refreshes load quietly). */
    public ReadOnlyBooleanProperty showProgressProperty() {
        return showProgress.getReadOnlyProperty();
    }

    /** The series to draw (null before the first load). */
    public ReadOnlyObjectProperty<SeriesResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Text to show instead of the chart, "" when there is something to draw. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** "Power (W)". */
    public ReadOnlyStringProperty valueAxisLabelProperty() {
        return valueAxisLabel.getReadOnlyProperty();
    }

    /** "plug-01 · power · 2025-11-25 10:00:00 → 11:00:00 · 1,200 points". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True while the chart shows a zoomed range rather than the chosen one. */
    public ReadOnlyBooleanProperty zoomedProperty() {
        return zoomed.getReadOnlyProperty();
    }

    /** Also draw the period before, shifted to line up (dashed). */
    public BooleanProperty compareProperty() {
        return compare;
    }

    /** Other devices whose same metric is drawn over the chosen one's (same range). */
    public ObservableList<String> overlayDevices() {
        return overlayDevices;
    }

    /**
     * Stacked mode: the device's {@link #stackedMetrics()} drawn as subplots, one above the other, sharing the time
     * axis (compare and overlay do not apply).
     */
    public BooleanProperty stackedProperty() {
        return stacked;
    }

    /** The fields the stacked mode draws, in the order of {@link #metricsFor}; set to the kind's defaults on a device change. */
    public ObservableList<Metric> stackedMetrics() {
        return stackedMetrics;
    }

    /** What the stacked mode shows first for a kind: a plug's voltage, current and power; a sensor's both fields. */
    public static List<Metric> defaultStacked(DeviceKind kind) {
        return switch (kind) {
            case PLUG -> List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.POWER);
            case SENSOR -> List.of(Metric.TEMPERATURE, Metric.HUMIDITY);
            case GENERIC -> List.of(Metric.TEMPERATURE, Metric.HUMIDITY, Metric.POWER);
        };
    }

    /** Which resolution answered: "raw readings", "1-minute rollups", ... ("" while nothing is shown). */
    public ReadOnlyStringProperty resolutionTextProperty() {
        return resolutionText.getReadOnlyProperty();
    }

    /** The outcome of the last export, in words. */
    public ReadOnlyStringProperty exportMessageProperty() {
        return exportMessage.getReadOnlyProperty();
    }

    // ---- Commands

    /** Shows a device (e.g. opened from the dashboard) with its main metric. */
    public void showDevice(String deviceId) {
        if (deviceId.equals(device.get())) {
            load();
        } else {
            device.set(deviceId);
        }
    }

    /** Never open on an empty chart: if no device is chosen yet, show the first plug (else the first device). */
    public void showDefaultDevice() {
        if (device.get() != null || deviceIds.isEmpty()) {
            return;
        }
        String first = fleet.devices().stream().filter(d -> d.kind() == DeviceKind.PLUG).map(DeviceModel::id)
                .sorted().findFirst().orElse(deviceIds.getFirst());
        showDevice(first);
    }

    /** Loads the chosen range. */
    public void load() {
        load(false);
    }

    private void load(boolean quietly) {
        zoomed.set(false);
        SeriesQuery q = currentQuery();
        if (q == null) {
            return;
        }
        run(q, quietly);
    }

    /** Loads [from, to) of the current device and metric at full resolution (after a zoom or pan). */
    public void zoomTo(Instant from, Instant to) {
        if (device.get() == null || metric.get() == null || !to.isAfter(from)) {
            return;
        }
        zoomed.set(true);
        run(new SeriesQuery(device.get(), metric.get(), from, to, MAX_POINTS), false);
    }

    /** Called about once a second while the screen shows: reloads the live edge now and then. */
    public void onTick() {
        if (autoRefresh.get() && !zoomed.get() && !loading.get() && preset.get() != RangePreset.CUSTOM
                && device.get() != null && clock.millis() - lastLoadMillis >= AUTO_REFRESH.toMillis()) {
            load(true);
        }
    }

    /** The query for the current choices, null when no device is chosen or the custom range is invalid. */
    SeriesQuery currentQuery() {
        if (device.get() == null || metric.get() == null) {
            return null;
        }
        return queryFor(device.get(), metric.get(), preset.get(), customFrom.get(), customTo.get(), clock, zone);
    }

    /**
     * The query for a preset: the last hour/day/... up to now, or whole custom days from {@code from}'s midnight to
     * the midnight after {@code to} in {@code zone}. Null when the custom dates are missing or reversed.
     */
    public static SeriesQuery queryFor(String deviceId, Metric metric, RangePreset preset, LocalDate from, LocalDate to,
                                       Clock clock, ZoneId zone) {
        if (preset == RangePreset.CUSTOM) {
            if (from == null || to == null || to.isBefore(from)) {
                return null;
            }
            return new SeriesQuery(deviceId, metric, from.atStartOfDay(zone).toInstant(),
                    to.plusDays(1).atStartOfDay(zone).toInstant(), MAX_POINTS);
        }
        Instant now = clock.instant();
        return new SeriesQuery(deviceId, metric, now.minus(preset.length()), now, MAX_POINTS);
    }

    /** The metrics offered for a kind of device, main metric first. */
    public static List<Metric> metricsFor(DeviceKind kind) {
        return switch (kind) {
            case PLUG -> List.of(Metric.POWER, Metric.VOLTAGE, Metric.CURRENT, Metric.ENERGY);
            case SENSOR -> List.of(Metric.TEMPERATURE, Metric.HUMIDITY);
            case GENERIC -> List.of(Metric.TEMPERATURE, Metric.HUMIDITY, Metric.POWER, Metric.VOLTAGE, Metric.CURRENT, Metric.ENERGY);
        };
    }

    public static String axisLabel(Metric m) {
        String name = m.key().substring(0, 1).toUpperCase() + m.key().substring(1);
        return m.unit().isEmpty() ? name : name + " (" + m.unit() + ")";
    }

    private void run(SeriesQuery q, boolean quietly) {
        long mine = ++generation;
        lastLoadMillis = clock.millis();
        loading.set(true);
        showProgress.set(!quietly);
        valueAxisLabel.set(axisLabel(q.metric()));
        boolean withPrevious = compare.get();
        List<String> others = overlayDevices.stream().filter(d -> !d.equals(q.deviceId())).toList();
        List<Metric> fields = stacked.get() ? stackedOrder(stackedMetrics) : List.of();
        if (!fields.isEmpty()) {
            valueAxisLabel.set(fields.stream().map(HistoryViewModel::axisLabel).collect(java.util.stream.Collectors.joining(" · ")));
        }
        tasks.run("loading history of " + q.deviceId(), () -> fields.isEmpty() ? load(q, withPrevious, others)
                : loadFields(q, fields), r -> {
            if (mine != generation) {
                return; // a newer request was made meanwhile
            }
            loading.set(false);
            showProgress.set(false);
            result.set(r);
            placeholder.set(r.isEmpty() ? "No data in this range." : "");
            resolutionText.set(r.isEmpty() ? "" : describe(r.resolution()));
            String what = r.stacked() ? r.fields().stream().map(f -> f.metric().key())
                    .collect(java.util.stream.Collectors.joining(", ")) : q.metric().key();
            summary.set(q.deviceId() + " · " + what + " · " + Formats.dateTime(q.from()) + " → "
                    + Formats.dateTime(q.to()) + " · " + Formats.count(r.points().size()) + " points");
        }, failure -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            showProgress.set(false);
            result.set(new SeriesResult(q, List.of()));
            resolutionText.set("");
            placeholder.set("Could not load history: " + Tasks.describe(failure));
        });
    }

    /** Runs in the background: the range, and with {@code withPrevious} the period before it, shifted to line up. */
    private SeriesResult load(SeriesQuery q, boolean withPrevious, List<String> others) {
        HistorySeries now = source.series(q);
        List<SeriesPoint> previous = List.of();
        if (withPrevious) {
            SeriesQuery before = previousPeriod(q);
            long shift = Duration.between(before.from(), q.from()).toMillis();
            previous = source.series(before).points().stream()
                    .map(p -> new SeriesPoint(p.epochMillis() + shift, p.value())).toList();
        }
        List<SeriesResult.Overlay> overlays = new java.util.ArrayList<>();
        for (String other : others) {
            SeriesQuery o = new SeriesQuery(other, q.metric(), q.from(), q.to(), q.maxPoints());
            overlays.add(new SeriesResult.Overlay(other, source.series(o).points()));
        }
        return new SeriesResult(q, now.points(), now.resolution(), previous, overlays);
    }

    /** Runs in the background: each field of the device over the range, at the same width. */
    private SeriesResult loadFields(SeriesQuery q, List<Metric> fields) {
        List<SeriesResult.Field> out = new java.util.ArrayList<>();
        Resolution resolution = Resolution.RAW;
        for (Metric m : fields) {
            HistorySeries s = source.series(new SeriesQuery(q.deviceId(), m, q.from(), q.to(), q.maxPoints()));
            out.add(new SeriesResult.Field(m, s.points()));
            resolution = s.resolution();
        }
        SeriesQuery first = new SeriesQuery(q.deviceId(), fields.getFirst(), q.from(), q.to(), q.maxPoints());
        return new SeriesResult(first, out.getFirst().points(), resolution, List.of(), List.of(), out);
    }

    /** The chosen fields in a fixed order (the order of the metric list), without repeats. */
    static List<Metric> stackedOrder(List<Metric> chosen) {
        return java.util.Arrays.stream(Metric.values()).filter(chosen::contains).toList();
    }

    /** The period of the same length just before {@code q}. */
    public static SeriesQuery previousPeriod(SeriesQuery q) {
        Duration length = Duration.between(q.from(), q.to());
        return new SeriesQuery(q.deviceId(), q.metric(), q.from().minus(length), q.from(), q.maxPoints());
    }

    /** "raw readings", "1-minute rollups", ... */
    public static String describe(Resolution r) {
        return switch (r) {
            case RAW -> "raw readings";
            case MINUTE -> "1-minute rollups";
            case HOUR -> "1-hour rollups";
            case DAY -> "1-day rollups";
        };
    }

    /**
     * The point of the shown series nearest to {@code epochMillis} as "2025-11-25 10:03:04 · 1,950 W", or "" when
     * nothing is shown or the time is outside the range.
     */
    public String valueAt(long epochMillis) {
        SeriesResult r = result.get();
        if (r == null || r.points().isEmpty() || epochMillis < r.query().from().toEpochMilli()
                || epochMillis > r.query().to().toEpochMilli()) {
            return "";
        }
        if (r.stacked()) {
            return fieldsAt(r, epochMillis);
        }
        SeriesPoint p = nearest(r.points(), epochMillis);
        String unit = r.query().metric().unit();
        String text = Formats.dateTime(Instant.ofEpochMilli(p.epochMillis())) + " · " + number(p.value())
                + (unit.isEmpty() ? "" : " " + unit);
        if (!r.previous().isEmpty()) {
            SeriesPoint b = nearest(r.previous(), epochMillis);
            text += " (previous period " + number(b.value()) + (unit.isEmpty() ? "" : " " + unit) + ")";
        }
        return text;
    }

    /** "2025-11-25 10:03:04 · voltage 230 V · current 0.52 A · power 120 W" (time of the first field's point). */
    private static String fieldsAt(SeriesResult r, long t) {
        StringBuilder b = new StringBuilder();
        for (SeriesResult.Field f : r.fields()) {
            if (f.points().isEmpty()) {
                continue;
            }
            SeriesPoint p = nearest(f.points(), t);
            if (b.isEmpty()) {
                b.append(Formats.dateTime(Instant.ofEpochMilli(p.epochMillis())));
            }
            String unit = f.metric().unit();
            b.append(" · ").append(f.metric().key()).append(' ').append(number(p.value()))
                    .append(unit.isEmpty() ? "" : " " + unit);
        }
        return b.toString();
    }

    /** The point whose time is nearest to {@code t} (points in time order, not empty). */
    static SeriesPoint nearest(List<SeriesPoint> points, long t) {
        int lo = 0;
        int hi = points.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).epochMillis() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && t - points.get(lo - 1).epochMillis() <= points.get(lo).epochMillis() - t) {
            return points.get(lo - 1);
        }
        return points.get(lo);
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%,.2f", v);
    }

    /**
     * Saves something about the shown range off the FX thread ({@code work} returns the sentence to show, e.g.
     * "Saved 1,234 rows to plug.csv"); a failure is shown in words.
     */
    public void export(String what, java.util.concurrent.Callable<String> work) {
        exportMessage.set("Saving " + what + "…");
        tasks.run("saving " + what, work, exportMessage::set,
                failure -> exportMessage.set("Could not save " + what + ": " + Tasks.describe(failure)));
    }

    /** Writes the shown range as CSV at the resolution that answered it (raw readings or rollup rows). */
    public void exportCsv(java.nio.file.Path file) {
        SeriesResult r = result.get();
        if (r == null || csv == null) {
            exportMessage.set("Nothing to save yet.");
            return;
        }
        export("the CSV", () -> {
            long rows = csv.write(r.query(), r.resolution(), file);
            return "Saved " + Formats.count(rows) + " rows (" + describe(r.resolution()) + ") to " + file.getFileName();
        });
    }

    private void deviceChanged() {
        String id = device.get();
        DeviceKind k = id == null ? null : fleet.find(id).map(DeviceModel::kind).orElse(DeviceKind.GENERIC);
        kind.set(k);
        adjusting = true;
        try {
            List<Metric> offered = k == null ? List.of() : metricsFor(k);
            metrics.setAll(offered);
            stackedMetrics.setAll(k == null ? List.of() : defaultStacked(k));
            if (k != null) {
                Metric main = fleet.find(id).map(DeviceModel::currentMainMetric).orElse(offered.getFirst());
                metric.set(offered.contains(main) ? main : offered.getFirst());
            } else {
                metric.set(null);
            }
        } finally {
            adjusting = false;
        }
        if (id == null) {
            placeholder.set("Choose a device to see its history.");
            result.set(null);
        } else {
            load();
        }
    }

    private void reloadUnlessAdjusting() {
        if (!adjusting) {
            load();
        }
    }

    private void reloadIfCustom() {
        if (preset.get() == RangePreset.CUSTOM) {
            if (currentQuery() == null && device.get() != null) {
                placeholder.set("Choose a \"from\" date on or before the \"to\" date.");
                return;
            }
            reloadUnlessAdjusting();
        }
    }

    private void syncDeviceIds() {
        // Insert new ids in place (never replace the list: a combo box showing the current id would lose it).
        for (DeviceModel d : fleet.devices()) {
            int at = java.util.Collections.binarySearch(deviceIds, d.id());
            if (at < 0) {
                deviceIds.add(-at - 1, d.id());
            }
        }
    }
}
