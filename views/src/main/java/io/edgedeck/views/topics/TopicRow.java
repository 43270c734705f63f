package io.edgedeck.views.topics;

import io.edgedeck.services.topics.TopicSnapshot;
import io.edgedeck.services.topics.TopicStatus;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.TreeMap;

/** One line of the topic tree: a connection, a branch or a topic, updated by the explorer's pulse. FX thread. */
public final class TopicRow {
    private final String key;
    private final String source;
    private final String path;
    private final String name;
    private final int depth;
    final TopicRow parent;
    final TreeMap<String, TopicRow> children = new TreeMap<>(String.CASE_INSENSITIVE_ORDER.thenComparing(s -> s));
    private final LongProperty messages = new SimpleLongProperty(this, "messages");
    private final DoubleProperty rate = new SimpleDoubleProperty(this, "rate");
    private final LongProperty lastMillis = new SimpleLongProperty(this, "lastMillis");
    private final ObjectProperty<TopicStatus> status = new SimpleObjectProperty<>(this, "status", TopicStatus.NONE);
    private final IntegerProperty unknownBelow = new SimpleIntegerProperty(this, "unknownBelow");
    private final IntegerProperty topicsBelow = new SimpleIntegerProperty(this, "topicsBelow");

    TopicRow(TopicSnapshot s, TopicRow parent) {
        this.key = s.key();
        this.source = s.source();
        this.path = s.path();
        this.name = s.name();
        this.depth = s.depth();
        this.parent = parent;
        update(s);
    }

    void update(TopicSnapshot s) {
        messages.set(s.messages());
        rate.set(s.rate());
        lastMillis.set(s.lastMillis());
        status.set(s.status());
        unknownBelow.set(s.unknownBelow());
        topicsBelow.set(s.topicsBelow());
    }

    public String key() { return key; }
    public String source() { return source; }
    /** The topic, or the topic prefix of a branch; "" for a connection. */
    public String path() { return path; }
    /** The level's name ("" shows as "(empty)"); the connection's name for a connection. */
    public String name() { return name; }
    public int depth() { return depth; }
    public boolean isConnection() { return depth == 0; }
    /** A topic with messages of its own (a bare branch has none). */
    public boolean isTopic() { return status.get() != TopicStatus.NONE; }
    public LongProperty messagesProperty() { return messages; }
    public DoubleProperty rateProperty() { return rate; }
    public LongProperty lastMillisProperty() { return lastMillis; }
    public ObjectProperty<TopicStatus> statusProperty() { return status; }
    public IntegerProperty unknownBelowProperty() { return unknownBelow; }
    public IntegerProperty topicsBelowProperty() { return topicsBelow; }

    @Override
    public String toString() {
        return path.isEmpty() ? source : path;
    }
}
