package io.edgedeck.views.connection;

import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.tls.Passphrase;
import io.edgedeck.services.profiles.BrokerPreset;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.ConnectionTester;
import io.edgedeck.services.profiles.ProfileStore;
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

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The connection dialog's state: the saved profiles, the fields of the one being edited with a message per field,
 * presets, "Test connection" (off the FX thread, the result in words) and "Connect" (saves, then hands the profile to
 * the console, which switches to it without a restart). No controls here; tested without a window.
 */
public final class ConnectionViewModel {
    private final ProfileStore store;
    private final ConnectionTester tester;
    private final Consumer<ConnectionProfile> connector;
    private final Tasks tasks;

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<BrokerPreset> preset = new SimpleObjectProperty<>(this, "preset");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty host = new SimpleStringProperty(this, "host", "");
    private final StringProperty port = new SimpleStringProperty(this, "port", "1883");
    private final BooleanProperty tls = new SimpleBooleanProperty(this, "tls");
    private final ObjectProperty<MqttVersion> mqttVersion = new SimpleObjectProperty<>(this, "mqttVersion", MqttVersion.V5);
    private final StringProperty clientId = new SimpleStringProperty(this, "clientId", "");
    private final StringProperty keepAlive = new SimpleStringProperty(this, "keepAlive", "30");
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final BooleanProperty trustSystemCas = new SimpleBooleanProperty(this, "trustSystemCas");
    private final StringProperty certFile = new SimpleStringProperty(this, "certFile", "");
    private final StringProperty keyFile = new SimpleStringProperty(this, "keyFile", "");
    private final StringProperty keyPassphrase = new SimpleStringProperty(this, "keyPassphrase", "");
    private final BooleanProperty verifyHostname = new SimpleBooleanProperty(this, "verifyHostname", true);
    private final StringProperty mappingFile = new SimpleStringProperty(this, "mappingFile", "");
    private final Map<ProfileField, ReadOnlyStringWrapper> errors = new EnumMap<>(ProfileField.class);
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(this, "editable", true);
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyBooleanWrapper testSucceeded = new ReadOnlyBooleanWrapper(this, "testSucceeded");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper presetHint = new ReadOnlyStringWrapper(this, "presetHint", "");
    private String editingName;
    private Consumer<ConnectionProfile> alsoConnector;
    private Consumer<ConnectionProfile> disconnector = p -> { };
    private java.util.function.BiConsumer<String, String> onRenamed = (from, to) -> { };
    private java.util.function.Supplier<java.util.Set<String>> liveNames = java.util.Set::of;
    private final ReadOnlyBooleanWrapper several = new ReadOnlyBooleanWrapper(this, "several");
    private final ReadOnlyBooleanWrapper selectedLive = new ReadOnlyBooleanWrapper(this, "selectedLive");

    public ConnectionViewModel(ProfileStore store, ConnectionTester tester, Consumer<ConnectionProfile> connector,
                               Tasks tasks) {
        this.store = store;
        this.tester = tester;
        this.connector = connector;
        this.tasks = tasks;
        for (ProfileField f : ProfileField.values()) {
            errors.put(f, new ReadOnlyStringWrapper(this, f.name(), ""));
        }
        selected.addListener((o, a, b) -> {
            if (b != null) show(b);
            refreshLive();
        });
        preset.addListener((o, a, b) -> {
            if (b != null) applyPreset(b);
        });
    }

    // ---- Properties

    public ObservableList<ConnectionProfile> profiles() { return profiles; }
    public ObjectProperty<ConnectionProfile> selectedProperty() { return selected; }
    public ObjectProperty<BrokerPreset> presetProperty() { return preset; }
    public StringProperty nameProperty() { return name; }
    public StringProperty hostProperty() { return host; }
    public StringProperty portProperty() { return port; }
    public BooleanProperty tlsProperty() { return tls; }
    public ObjectProperty<MqttVersion> mqttVersionProperty() { return mqttVersion; }
    public StringProperty clientIdProperty() { return clientId; }
    public StringProperty keepAliveProperty() { return keepAlive; }
    public StringProperty usernameProperty() { return username; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty caFileProperty() { return caFile; }
    public BooleanProperty trustSystemCasProperty() { return trustSystemCas; }
    public StringProperty certFileProperty() { return certFile; }
    public StringProperty keyFileProperty() { return keyFile; }
    public StringProperty keyPassphraseProperty() { return keyPassphrase; }
    public BooleanProperty verifyHostnameProperty() { return verifyHostname; }
    public StringProperty mappingFileProperty() { return mappingFile; }

    /** Empty, or what is wrong with this field. */
    public ReadOnlyStringProperty errorProperty(ProfileField field) {
        return errors.get(field).getReadOnlyProperty();
    }

    /** False for the built-in demo profile. */
    public ReadOnlyBooleanProperty editableProperty() { return editable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty testingProperty() { return testing.getReadOnlyProperty(); }
    /** "Connected to … in 42 ms." or why not, in words. */
    public ReadOnlyStringProperty testResultProperty() { return testResult.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty testSucceededProperty() { return testSucceeded.getReadOnlyProperty(); }
    /** Saved, deleted, or a problem with the profiles file. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty presetHintProperty() { return presetHint.getReadOnlyProperty(); }

    /** The stable client id used when the field is left empty. */
    public String defaultClientId() {
        return tester.defaultClientId();
    }

    /** Whether "Connect as well" and "Disconnect" are offered (the console keeps several connections). */
    public ReadOnlyBooleanProperty severalProperty() { return several.getReadOnlyProperty(); }
    /** Whether the selected profile is connected now (as the primary connection or as well). */
    public ReadOnlyBooleanProperty selectedLiveProperty() { return selectedLive.getReadOnlyProperty(); }

    // ---- Commands

    /**
     * Offers "Connect as well" (the profile comes up beside the connections that are up) and "Disconnect".
     *
     * @param liveNames the names of the connections up now (any case)
     */
    public void setSeveral(Consumer<ConnectionProfile> connectAlso, Consumer<ConnectionProfile> disconnect,
                           java.util.function.Supplier<java.util.Set<String>> liveNames) {
        this.alsoConnector = java.util.Objects.requireNonNull(connectAlso, "connectAlso");
        this.disconnector = java.util.Objects.requireNonNull(disconnect, "disconnect");
        this.liveNames = java.util.Objects.requireNonNull(liveNames, "liveNames");
        several.set(true);
        refreshLive();
    }

    /** Told (old name, new name) on the FX thread when a saved profile was renamed. */
    public void setOnRenamed(java.util.function.BiConsumer<String, String> renamed) {
        this.onRenamed = java.util.Objects.requireNonNull(renamed, "renamed");
    }

    /** Reads which connections are up (the dialog calls it after each action). */
    public void refreshLive() {
        ConnectionProfile p = selected.get();
        selectedLive.set(p != null && liveNames.get().stream().anyMatch(n -> n.equalsIgnoreCase(p.name())));
    }

    /** Saves the profile and asks the console to connect it beside the others; true when handed over. */
    public boolean connectAlso() {
        if (alsoConnector == null || !save()) return false;
        ConnectionProfile p = editable.get() ? profile().orElseThrow() : selected.get();
        if (liveNames.get().stream().anyMatch(n -> n.equalsIgnoreCase(p.name()))) {
            message.set(p.name() + " is connected already.");
            return false;
        }
        alsoConnector.accept(p);
        message.set("Connecting " + p.name() + " as well…");
        selectedLive.set(true);
        return true;
    }

    /** Disconnects the selected profile if it was connected as well (the primary one is replaced by Connect). */
    public void disconnect() {
        ConnectionProfile p = selected.get();
        if (p == null) return;
        disconnector.accept(p);
        message.set("Disconnecting " + p.name() + ".");
        selectedLive.set(false);
    }

    /** Reads the saved profiles (in the background) and selects {@code current}'s name, else the first one. */
    public void load(String current) {
        tasks.run("loading profiles", store::loadForEditing, loaded -> {
            var list = loaded.profiles();
            profiles.setAll(list);
            message.set(String.join("\n", loaded.problems()));
            selected.set(list.stream().filter(p -> p.name().equalsIgnoreCase(current == null ? "" : current))
                    .findFirst().orElse(list.getFirst()));
        }, failure -> {
            profiles.setAll(ConnectionProfile.demoFleet());
            selected.set(profiles.getFirst());
            message.set(Tasks.describe(failure));
        });
    }

    /** A new, empty profile for a broker (MQTT 5, plain, 1883 until a preset or the user says otherwise). */
    public void newProfile() {
        selected.set(null);
        show(ConnectionProfile.plain(uniqueName("My broker"), "", 1883));
        editingName = null; // not saved yet: saving adds it (and renames nothing)
        editable.set(true);
    }

    /** Fills port, TLS and version from the preset; host and credentials stay as typed. */
    public void applyPreset(BrokerPreset p) {
        port.set(Integer.toString(p.port()));
        tls.set(p.tls());
        mqttVersion.set(p.version());
        verifyHostname.set(true);
        presetHint.set(p.hint());
    }

    /** Checks every field; true when the profile can be saved, else each field says what is wrong. */
    public boolean validate() {
        errors.values().forEach(e -> e.set(""));
        if (!editable.get()) return true;
        String n = name.get().trim();
        if (n.isEmpty()) {
            error(ProfileField.NAME, "Give the profile a name");
        } else if (n.length() > 64) {
            error(ProfileField.NAME, "At most 64 characters");
        } else if (n.equalsIgnoreCase(ConnectionProfile.DEMO_NAME)) {
            error(ProfileField.NAME, "That is the built-in demo profile's name");
        } else if (profiles.stream().anyMatch(p -> !p.demo() && p.name().equalsIgnoreCase(n)
                && (editingName == null || !p.name().equalsIgnoreCase(editingName)))) {
            error(ProfileField.NAME, "Another profile has this name");
        }
        String h = host.get().trim();
        if (h.isEmpty()) {
            error(ProfileField.HOST, "Give the broker's host name or IP address");
        } else if (h.contains("://")) {
            error(ProfileField.HOST, "Only the host name (e.g. broker.local); port and TLS are set below");
        } else if (!h.matches("[A-Za-z0-9._:\\[\\]-]+")) {
            error(ProfileField.HOST, "Not a host name: use letters, digits, dots and dashes (or an IP address)");
        }
        Integer p = number(port.get());
        if (p == null || p < 1 || p > 65535) {
            error(ProfileField.PORT, "A port from 1 to 65535 (MQTT 1883, MQTT over TLS 8883)");
        }
        Integer k = number(keepAlive.get());
        if (k == null || k < 0 || k > 65535) {
            error(ProfileField.KEEP_ALIVE, "Seconds from 0 to 65535 (30 is a good choice; AWS IoT Core allows 30–1200)");
        }
        String id = clientId.get().trim();
        if (!id.isEmpty() && (id.length() > 128 || !id.matches("[\\x21-\\x7e]+") || id.contains("#") || id.contains("+"))) {
            error(ProfileField.CLIENT_ID, "Up to 128 printable characters without spaces, # or +");
        }
        if (!password.get().isEmpty() && username.get().isBlank()) {
            error(ProfileField.USERNAME, "A password needs a user name (MQTT sends neither without the user name)");
        }
        checkFile(ProfileField.CA_FILE, caFile.get(), "CA file");
        checkFile(ProfileField.CERT_FILE, certFile.get(), "certificate");
        checkFile(ProfileField.KEY_FILE, keyFile.get(), "key file");
        checkFile(ProfileField.MAPPING_FILE, mappingFile.get(), "mapping file");
        if (!tls.get() && !caFile.get().isBlank()) {
            error(ProfileField.CA_FILE, "Switch TLS on to use a CA file");
        }
        if (!tls.get() && !certFile.get().isBlank()) {
            error(ProfileField.CERT_FILE, "Switch TLS on to use a client certificate");
        }
        if (!keyFile.get().isBlank() && certFile.get().isBlank()) {
            error(ProfileField.KEY_FILE, "A key goes with a client certificate: choose the certificate too");
        }
        if (!keyPassphrase.get().isEmpty() && certFile.get().isBlank()) {
            error(ProfileField.KEY_PASSPHRASE, "A key passphrase goes with a client certificate and key");
        }
        return errors.values().stream().allMatch(e -> e.get().isEmpty());
    }

    /** The profile as the fields say, or empty (with messages) when a field is wrong. */
    public Optional<ConnectionProfile> profile() {
        if (!validate()) return Optional.empty();
        ConnectionProfile current = selected.get();
        if (!editable.get() && current != null) return Optional.of(current);
        return Optional.of(new ConnectionProfile(name.get().trim(), host.get().trim(), number(port.get()), tls.get(),
                mqttVersion.get(), blankToNull(clientId.get()), number(keepAlive.get()), blankToNull(username.get()),
                secret(password.get()), path(caFile.get()), trustSystemCas.get(), path(certFile.get()),
                path(keyFile.get()), secret(keyPassphrase.get()), verifyHostname.get(), path(mappingFile.get()), false));
    }

    /** Saves the profile (new or changed); true when saved. The secrets go encrypted into their own file. */
    public boolean save() {
        Optional<ConnectionProfile> p = profile();
        if (p.isEmpty()) return false;
        if (p.get().demo()) return true;
        String before = editingName;
        try {
            store.put(p.get(), before);
        } catch (RuntimeException e) {
            message.set("Not saved: " + Tasks.describe(e));
            return false;
        }
        editingName = p.get().name();
        if (before != null && !before.equals(editingName)) onRenamed.accept(before, editingName);
        message.set("Saved " + p.get().name() + ".");
        int at = indexOf(p.get().name());
        if (at >= 0) profiles.set(at, p.get()); else profiles.add(p.get());
        selected.set(p.get());
        return true;
    }

    /** Deletes the selected saved profile (never the demo one). */
    public void delete() {
        ConnectionProfile p = selected.get();
        if (p == null || p.demo()) return;
        try {
            store.remove(p.name());
        } catch (RuntimeException e) {
            message.set("Not deleted: " + Tasks.describe(e));
            return;
        }
        profiles.remove(p);
        selected.set(profiles.getFirst());
        message.set("Deleted " + p.name() + ".");
    }

    /** Connects once with the fields as they are (saved or not), in the background; the result shows in words. */
    public void testConnection() {
        Optional<ConnectionProfile> p = profile();
        if (p.isEmpty()) {
            testResult.set("Fix the marked fields first.");
            testSucceeded.set(false);
            return;
        }
        testing.set(true);
        testResult.set("Connecting to " + p.get().describe() + "…");
        tasks.run("testing the connection", () -> tester.test(p.get()), ok -> {
            testing.set(false);
            testSucceeded.set(true);
            testResult.set(ok);
        }, failure -> {
            testing.set(false);
            testSucceeded.set(false);
            testResult.set("Failed: " + Tasks.describe(failure));
        });
    }

    /** Saves the profile and asks the console to switch to it; true when handed over. */
    public boolean connect() {
        if (!save()) return false;
        connector.accept(editable.get() ? profile().orElseThrow() : selected.get());
        return true;
    }

    private void show(ConnectionProfile p) {
        editingName = p.demo() ? null : p.name();
        editable.set(!p.demo());
        errors.values().forEach(e -> e.set(""));
        testResult.set("");
        presetHint.set(p.demo() ? "EdgeDeck's own broker on this computer with a simulated fleet of plugs and sensors."
                : "");
        name.set(p.name());
        host.set(p.demo() ? "" : nullToEmpty(p.host()));
        port.set(p.demo() ? "" : Integer.toString(p.port()));
        tls.set(p.tls());
        mqttVersion.set(p.mqttVersion());
        clientId.set(nullToEmpty(p.clientId()));
        keepAlive.set(Integer.toString(p.keepAliveSeconds()));
        username.set(nullToEmpty(p.username()));
        password.set(p.password().map(s -> new String(s.chars())).orElse(""));
        caFile.set(p.caFile() == null ? "" : p.caFile().toString());
        trustSystemCas.set(p.trustSystemCas());
        certFile.set(p.certFile() == null ? "" : p.certFile().toString());
        keyFile.set(p.keyFile() == null ? "" : p.keyFile().toString());
        keyPassphrase.set(p.keyPassphrase().map(s -> new String(s.chars())).orElse(""));
        verifyHostname.set(p.verifyHostname());
        mappingFile.set(p.mappingFile() == null ? "" : p.mappingFile().toString());
    }

    private void checkFile(ProfileField field, String text, String what) {
        if (text.isBlank()) return;
        Path file;
        try {
            file = Path.of(text.trim());
        } catch (InvalidPathException e) {
            error(field, "Not a file name");
            return;
        }
        if (!Files.exists(file)) {
            error(field, "No such " + what + ": " + file);
        } else if (Files.isDirectory(file)) {
            error(field, file + " is a folder, not a file");
        } else if (!Files.isReadable(file)) {
            error(field, "Cannot read " + file + " (permission denied)");
        }
    }

    private void error(ProfileField field, String text) {
        if (errors.get(field).get().isEmpty()) errors.get(field).set(text);
    }

    private String uniqueName(String base) {
        String n = base;
        for (int i = 2; indexOf(n) >= 0; i++) n = base + " " + i;
        return n;
    }

    private int indexOf(String n) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).name().equalsIgnoreCase(n)) return i;
        }
        return -1;
    }

    private static Integer number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static Optional<Passphrase> secret(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(Passphrase.of(s.toCharArray()));
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
