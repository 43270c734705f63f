package io.edgedeck.views.session;

import io.edgedeck.db.Operator;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import io.edgedeck.views.common.Tasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;

/**
 * The sign-in dialog: pick an operator and type the passphrase; or, while the console has no operator yet, create
 * the first one (Admin) with a name and a passphrase typed twice. Unlocking a key takes about 0.2 s and runs off the
 * FX thread; a refusal ("wrong passphrase for operator 'ana'") stays in the dialog, which stays open.
 */
public final class SignInViewModel {
    public enum Mode { LOADING, SIGN_IN, FIRST_OPERATOR }

    private final OperatorSession session;
    private final Tasks tasks;
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(this, "mode", Mode.LOADING);
    private final ObservableList<Operator> candidates = FXCollections.observableArrayList();
    private final ObjectProperty<Operator> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty passphrase = new SimpleStringProperty(this, "passphrase", "");
    private final StringProperty newName = new SimpleStringProperty(this, "newName", "");
    private final StringProperty repeat = new SimpleStringProperty(this, "repeat", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");
    private final BooleanBinding canSubmit;

    public SignInViewModel(OperatorSession session, Tasks tasks) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        canSubmit = Bindings.createBooleanBinding(() -> !busy.get() && switch (mode.get()) {
            case LOADING -> false;
            case SIGN_IN -> selected.get() != null && !passphrase.get().isEmpty();
            case FIRST_OPERATOR -> !newName.get().isBlank() && !passphrase.get().isEmpty() && !repeat.get().isEmpty();
        }, busy, mode, selected, passphrase, newName, repeat);
        passphrase.addListener((o, a, b) -> clearErrorWhileTyping());
        repeat.addListener((o, a, b) -> clearErrorWhileTyping());
    }

    // ---- Properties

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** The operators who can sign in here (enabled, with a key file on this console). */
    public ObservableList<Operator> candidates() {
        return candidates;
    }

    public ObjectProperty<Operator> selectedProperty() {
        return selected;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    /** First operator: their name. */
    public StringProperty newNameProperty() {
        return newName;
    }

    /** First operator: the passphrase again. */
    public StringProperty repeatProperty() {
        return repeat;
    }

    /** True while a key is being unlocked or created. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last attempt failed, in words ("" when it did not). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True once someone is signed in: the dialog closes. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    // ---- Commands

    /** Reads (in the background) whether a first operator is needed, and who can sign in here. */
    public void load() {
        mode.set(Mode.LOADING);
        tasks.run("listing operators", () -> new Loaded(session.needsFirstOperator(), session.signInCandidates()),
                loaded -> {
                    candidates.setAll(loaded.candidates());
                    if (selected.get() == null || !loaded.candidates().contains(selected.get())) {
                        selected.set(loaded.candidates().size() == 1 ? loaded.candidates().getFirst() : null);
                    }
                    mode.set(loaded.first() ? Mode.FIRST_OPERATOR : Mode.SIGN_IN);
                    if (!loaded.first() && loaded.candidates().isEmpty()) {
                        error.set("No operator can sign in on this console: their keys were created elsewhere. "
                                + "An Admin adds operators in the Operators tab, or with 'edgedeck operators add'.");
                    }
                },
                failure -> {
                    mode.set(Mode.SIGN_IN);
                    error.set("Could not read the operators: " + Tasks.describe(failure));
                });
    }

    /** Signs in, or creates the first operator; the passphrase fields are cleared either way. */
    public void submit() {
        if (busy.get() || mode.get() == Mode.LOADING) {
            return;
        }
        if (mode.get() == Mode.FIRST_OPERATOR) {
            submitFirst();
            return;
        }
        Operator who = selected.get();
        if (who == null) {
            error.set("Choose an operator.");
            return;
        }
        if (passphrase.get().isEmpty()) {
            error.set("Type the passphrase of " + who.name() + ".");
            return;
        }
        char[] secret = takeSecret(passphrase);
        start("signing in " + who.name(), () -> session.signIn(who.name(), secret));
    }

    private void submitFirst() {
        String name = newName.get().strip();
        String problem = name.isEmpty() ? "Type a name for the first operator."
                : passphrase.get().length() < KeyRing.MIN_PASSPHRASE_LENGTH
                ? "The passphrase is too short: use at least " + KeyRing.MIN_PASSPHRASE_LENGTH + " characters."
                : !passphrase.get().equals(repeat.get()) ? "The two passphrases differ. Type the same one twice."
                : "";
        if (!problem.isEmpty()) {
            repeat.set("");
            error.set(problem);
            return;
        }
        char[] secret = takeSecret(passphrase);
        repeat.set("");
        start("creating the first operator", () -> session.createFirstOperator(name, secret));
    }

    private void start(String what, java.util.concurrent.Callable<SignedIn> work) {
        busy.set(true);
        error.set("");
        tasks.run(what, work, signedIn -> {
            busy.set(false);
            done.set(true);
        }, failure -> {
            busy.set(false);
            error.set(sentence(Tasks.describe(failure)));
        });
    }

    private void clearErrorWhileTyping() {
        if (!busy.get() && !error.get().isEmpty() && mode.get() != Mode.LOADING && !candidatesMissing()) {
            error.set("");
        }
    }

    private boolean candidatesMissing() {
        return mode.get() == Mode.SIGN_IN && candidates.isEmpty();
    }

    /** The field's text as characters, then the field emptied (the String itself cannot be wiped). */
    private static char[] takeSecret(StringProperty field) {
        char[] c = field.get().toCharArray();
        field.set("");
        return c;
    }

    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private record Loaded(boolean first, List<Operator> candidates) {
    }
}
