package io.edgedeck.views.operators;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import io.edgedeck.db.Permission;
import io.edgedeck.db.Role;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The Operators screen: every operator (name, role, key id, created, disabled). An Admin adds operators (a key made
 * on this console with the colleague's passphrase, or their public key PEM), changes roles and disables; anyone
 * signed in sees the list and can export a public key. Every change is audited by the services and the registry;
 * all of it runs off the FX thread.
 */
public final class OperatorsViewModel {
    private final OperatorSession session;
    private final OperatorRegistry registry;
    private final Tasks tasks;
    private final ObservableValue<SignedIn> signedIn;
    private final ObservableList<Operator> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canManage = new ReadOnlyBooleanWrapper(this, "canManage");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "");

    public OperatorsViewModel(OperatorSession session, OperatorRegistry registry, Tasks tasks,
                              ObservableValue<SignedIn> signedIn) {
        this.session = Objects.requireNonNull(session, "session");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.signedIn = Objects.requireNonNull(signedIn, "signedIn");
        signedIn.addListener((o, a, b) -> onSignedInChanged());
        onSignedInChanged();
    }

    // ---- Properties

    public ObservableList<Operator> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** True for a signed-in Admin: the add/role/disable controls are enabled. */
    public ReadOnlyBooleanProperty canManageProperty() {
        return canManage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last action did ("Added ana (Technician), key id …"). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the last action failed ("" when it did not). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Why the controls are read-only ("" for an Admin). */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public List<Role> roles() {
        return List.of(Role.values());
    }

    // ---- Commands

    public void refresh() {
        tasks.run("listing operators", registry::list, rows::setAll,
                f -> error.set("Could not read the operators: " + Tasks.describe(f)));
    }

    /**
     * Adds an operator with a key pair generated on this console, its private key encrypted with {@code passphrase}
     * (typed by the colleague, twice). Validation problems are reported before anything is written.
     *
     * @return false when the input was refused before starting
     */
    public boolean addWithNewKey(String name, Role role, String passphrase, String repeat) {
        String n = name == null ? "" : name.strip();
        String problem = n.isEmpty() ? "Type the new operator's name."
                : role == null ? "Choose a role."
                : passphrase == null || passphrase.length() < KeyRing.MIN_PASSPHRASE_LENGTH
                ? "The passphrase is too short: use at least " + KeyRing.MIN_PASSPHRASE_LENGTH + " characters."
                : !passphrase.equals(repeat) ? "The two passphrases differ." : "";
        if (!problem.isEmpty()) {
            error.set(problem);
            return false;
        }
        char[] secret = passphrase.toCharArray();
        return change("adding " + n, admin -> session.createOperator(admin, n, role, secret),
                added -> "Added " + added.name() + " (" + added.role().title() + "), key id " + added.keyId()
                        + ". They sign in on this console with their passphrase.");
    }

    /** Adds an operator whose key lives elsewhere, by their public key (PEM). */
    public boolean addWithPublicKey(String name, Role role, String publicKeyPem) {
        String n = name == null ? "" : name.strip();
        String problem = n.isEmpty() ? "Type the new operator's name."
                : role == null ? "Choose a role."
                : publicKeyPem == null || publicKeyPem.isBlank() ? "Paste or open their public key (PEM)." : "";
        if (!problem.isEmpty()) {
            error.set(problem);
            return false;
        }
        return change("importing " + n, admin -> session.importOperator(admin, n, role, publicKeyPem),
                added -> "Added " + added.name() + " (" + added.role().title() + ") with their public key, key id "
                        + added.keyId() + ".");
    }

    public boolean changeRole(Operator target, Role role) {
        if (target == null || role == null || role == target.role()) {
            return false;
        }
        return change("changing the role of " + target.name(), admin -> registry.changeRole(admin.operator(),
                target.name(), role), changed -> changed.name() + " is now " + changed.role().title() + ".");
    }

    public boolean disable(Operator target) {
        if (target == null || target.disabled()) {
            return false;
        }
        return change("disabling " + target.name(), admin -> registry.disable(admin.operator(), target.name()),
                changed -> changed.name() + " is disabled: they can no longer sign in or send commands.");
    }

    /** Writes the operator's public key (PEM) to {@code file}; the message names the key id. */
    public void exportPublicKey(Operator target, Path file) {
        if (target == null || file == null) {
            return;
        }
        tasks.run("exporting the key of " + target.name(), () -> {
            Files.writeString(file, target.publicKeyPem(), StandardCharsets.US_ASCII);
            return file;
        }, f -> {
            error.set("");
            message.set("Saved the public key of " + target.name() + " to " + f + " (key id " + target.keyId() + ").");
        }, f -> error.set("Could not save " + file + ": " + Tasks.describe(f)));
    }

    /** Says that the key id was copied (the view puts it on the clipboard). */
    public void keyIdCopied(Operator target) {
        if (target != null) {
            error.set("");
            message.set("Copied the key id of " + target.name() + ": " + target.keyId());
        }
    }

    private boolean change(String what, Action action, java.util.function.Function<Operator, String> done) {
        SignedIn admin = signedIn.getValue();
        if (!canManage.get() || admin == null) {
            error.set(hint.get());
            return false;
        }
        busy.set(true);
        error.set("");
        // a new key pair is encrypted with the passphrase (PBKDF2): it takes a moment, so say what is going on
        message.set(Character.toUpperCase(what.charAt(0)) + what.substring(1) + "…");
        Callable<Operator> work = () -> action.run(admin);
        tasks.run(what, work, changed -> {
            busy.set(false);
            message.set(done.apply(changed));
            refresh();
        }, failure -> {
            busy.set(false);
            error.set(sentence(Tasks.describe(failure)));
            refresh();
        });
        return true;
    }

    private void onSignedInChanged() {
        SignedIn who = signedIn.getValue();
        boolean admin = who != null && AccessPolicy.allows(who.operator(), Permission.MANAGE_OPERATORS);
        canManage.set(admin);
        hint.set(admin ? "" : who == null ? "Sign in as an Admin to add operators, change roles or disable them."
                : "Only an Admin may add operators, change roles or disable them; you see the list.");
        refresh();
    }

    private static String sentence(String m) {
        String s = m == null || m.isBlank() ? "It failed" : Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    @FunctionalInterface
    private interface Action {
        Operator run(SignedIn admin) throws Exception;
    }

    /** For tests: the last rows as a list. */
    List<Operator> snapshot() {
        return List.copyOf(rows);
    }
}
