package io.edgedeck.views.topics;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.link.codec.MappingRule;
import io.edgedeck.services.topics.MappingProposal;
import io.edgedeck.services.topics.ProposedField;
import io.edgedeck.services.topics.ProposedFormat;
import io.edgedeck.services.topics.TopicDetail;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * "Map this topic to a device…": the rule guessed from the topic and its last payload ({@link MappingProposal}),
 * editable field by field, with what it would store from the last payload and the rule as the mapping file will hold
 * it; {@link #save()} hands it to the {@link TopicMapper}.
 */
public final class MapTopicViewModel {
    /** What a field can be stored as; the first means "not stored". */
    public static final List<String> METRIC_CHOICES = metricChoices();
    static final String NOT_STORED = "— not stored";

    /** One payload field and what it is stored as. */
    public static final class FieldChoice {
        private final String name;
        private final String sample;
        private final StringProperty metric = new SimpleStringProperty();

        FieldChoice(ProposedField f) {
            name = f.name();
            sample = f.sample();
            metric.set(label(f.metric()));
        }

        public String name() { return name; }
        public String sample() { return sample; }
        /** One of {@link #METRIC_CHOICES}. */
        public StringProperty metricProperty() { return metric; }
    }

    private final String connection;
    private final TopicDetail topic;
    private final TopicMapper mapper;
    private final Tasks tasks;
    private final Clock clock;
    private final StringProperty pattern = new SimpleStringProperty(this, "pattern");
    private final StringProperty deviceId = new SimpleStringProperty(this, "deviceId");
    private final ObjectProperty<DeviceKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final ObjectProperty<ProposedFormat> format = new SimpleObjectProperty<>(this, "format");
    private final StringProperty valueMetric = new SimpleStringProperty(this, "valueMetric");
    private final ObservableList<FieldChoice> fields = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper deviceFromTopic = new ReadOnlyBooleanWrapper(this, "deviceFromTopic");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyStringWrapper ruleJson = new ReadOnlyStringWrapper(this, "ruleJson", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanProperty done = new SimpleBooleanProperty(this, "done");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private MappingProposal guess;
    private String typedDeviceId;

    public MapTopicViewModel(String connection, TopicDetail topic, TopicMapper mapper, Tasks tasks, Clock clock) {
        this.connection = connection;
        this.topic = topic;
        this.mapper = mapper;
        this.tasks = tasks;
        this.clock = clock;
        guess = MappingProposal.guess(topic.topic(), topic.payload());
        typedDeviceId = guess.deviceId();
        pattern.set(guess.pattern());
        kind.set(guess.kind());
        format.set(guess.format());
        valueMetric.set(label(guess.metric()));
        guess.fields().forEach(f -> fields.add(new FieldChoice(f)));
        pattern.addListener((o, a, b) -> update());
        deviceId.addListener((o, a, b) -> {
            if (!deviceFromTopic.get()) typedDeviceId = b;
            update();
        });
        kind.addListener((o, a, b) -> update());
        format.addListener((o, a, b) -> update());
        valueMetric.addListener((o, a, b) -> update());
        fields.forEach(f -> f.metricProperty().addListener((o, a, b) -> update()));
        update();
    }

    // ---- Properties

    public String connection() { return connection; }
    public String topic() { return topic.topic(); }
    public StringProperty patternProperty() { return pattern; }
    /** Editable only when the pattern has no {@code {device_id}} level; else the id that level gives. */
    public StringProperty deviceIdProperty() { return deviceId; }
    public ReadOnlyBooleanProperty deviceFromTopicProperty() { return deviceFromTopic.getReadOnlyProperty(); }
    public ObjectProperty<DeviceKind> kindProperty() { return kind; }
    public ObjectProperty<ProposedFormat> formatProperty() { return format; }
    /** For a plain value: one of {@link #METRIC_CHOICES}. */
    public StringProperty valueMetricProperty() { return valueMetric; }
    public ObservableList<FieldChoice> fields() { return fields; }
    /** What the rule makes of the last payload, in words. */
    public ReadOnlyStringProperty previewProperty() { return preview.getReadOnlyProperty(); }
    public ReadOnlyStringProperty ruleJsonProperty() { return ruleJson.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** Set once the rule was saved and applied. */
    public BooleanProperty doneProperty() { return done; }
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** The proposal as the fields say now. */
    public MappingProposal proposal() {
        List<ProposedField> fs = new ArrayList<>();
        for (FieldChoice f : fields) fs.add(new ProposedField(f.name(), f.sample(), metricOf(f.metricProperty().get())));
        String p = pattern.get() == null ? "" : pattern.get().strip();
        return new MappingProposal(topic.topic(), p, deviceFromTopic(p) ? levelFor(p) : deviceId.get(), kind.get(),
                format.get(), fs, metricOf(valueMetric.get()));
    }

    // ---- Commands

    /** Saves the rule and applies it; {@code then} runs on the FX thread with true when it worked. */
    public void save(Consumer<Boolean> then) {
        MappingRule rule;
        try {
            rule = proposal().toRule();
        } catch (IllegalArgumentException e) {
            error.set(capitalise(e.getMessage()) + ".");
            then.accept(false);
            return;
        }
        busy.set(true);
        error.set("");
        mapper.map(connection, rule).whenComplete((msg, e) -> tasks.fx().execute(() -> {
            busy.set(false);
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                error.set("Not saved: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
                then.accept(false);
            } else {
                result.set(msg);
                done.set(true);
                then.accept(true);
            }
        }));
    }

    private void update() {
        String p = pattern.get() == null ? "" : pattern.get().strip();
        boolean fromTopic = deviceFromTopic(p);
        deviceFromTopic.set(fromTopic);
        String shown = fromTopic ? levelFor(p) : typedDeviceId;
        if (!java.util.Objects.equals(deviceId.get(), shown)) deviceId.set(shown);
        MappingProposal m = proposal();
        preview.set(m.preview(topic.payload(), clock.millis()));
        try {
            ruleJson.set(m.ruleJson());
            valid.set(!preview.get().startsWith("The pattern does not match"));
        } catch (IllegalArgumentException e) {
            ruleJson.set("");
            valid.set(false);
        }
    }

    private static boolean deviceFromTopic(String pattern) {
        return pattern.contains(MappingProposal.DEVICE_LEVEL);
    }

    /** The topic's level where the pattern has {@code {device_id}}, or "" when they do not line up. */
    private String levelFor(String p) {
        String[] pl = p.split("/", -1);
        String[] tl = topic.topic().split("/", -1);
        for (int i = 0; i < pl.length && i < tl.length; i++) {
            if (pl[i].equals(MappingProposal.DEVICE_LEVEL)) return tl[i];
        }
        return "";
    }

    private static List<String> metricChoices() {
        List<String> out = new ArrayList<>();
        out.add(NOT_STORED);
        for (Metric m : Metric.values()) out.add(label(m));
        return List.copyOf(out);
    }

    static String label(Metric m) {
        if (m == null) return NOT_STORED;
        return m.unit().isEmpty() ? m.key() + " (on/off)" : m.key() + " (" + m.unit() + ")";
    }

    static Metric metricOf(String label) {
        if (label == null || label.equals(NOT_STORED)) return null;
        for (Metric m : Metric.values()) {
            if (label(m).equals(label)) return m;
        }
        return null;
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** The topic's last message this dialog was made from. */
    public Optional<TopicDetail> detail() {
        return Optional.of(topic);
    }
}
