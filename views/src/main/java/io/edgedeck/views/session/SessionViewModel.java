package io.edgedeck.views.session;

import io.edgedeck.db.Operator;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Who is signed in, as the FX thread sees it: follows the {@link OperatorSession} (whose listeners run on the thread
 * that signed in) through the FX executor. Without a session (a window built without operator services) nobody can
 * sign in and every control that needs an operator says so.
 */
public final class SessionViewModel {
    public static final String NOT_AVAILABLE = "Operators are not set up in this window";

    private final OperatorSession session;
    private final ReadOnlyObjectWrapper<SignedIn> signedIn = new ReadOnlyObjectWrapper<>(this, "signedIn");
    private final ObjectBinding<Operator> operator;
    private final StringBinding statusText;

    /**
     * @param session the console's session, or null for a window without operators
     * @param fx      runs on the FX thread ({@code Platform::runLater})
     */
    public SessionViewModel(OperatorSession session, Executor fx) {
        this.session = session;
        operator = Bindings.createObjectBinding(() -> signedIn.get() == null ? null : signedIn.get().operator(), signedIn);
        statusText = Bindings.createStringBinding(() -> text(signedIn.get()), signedIn);
        if (session != null) {
            signedIn.set(session.current().orElse(null));
            session.addListener(now -> fx.execute(() -> signedIn.set(now.orElse(null))));
        }
    }

    // ---- Properties

    /** Whether operators can sign in on this window at all. */
    public boolean available() {
        return session != null;
    }

    /** The session, if this window has one. */
    public Optional<OperatorSession> session() {
        return Optional.ofNullable(session);
    }

    public ReadOnlyObjectProperty<SignedIn> signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    /** The signed-in operator as registered at sign-in; null when nobody is signed in. */
    public ObjectBinding<Operator> operatorProperty() {
        return operator;
    }

    /** "Not signed in — Sign in…" or "ana (Technician) — Sign out". */
    public StringBinding statusTextProperty() {
        return statusText;
    }

    public boolean isSignedIn() {
        return signedIn.get() != null;
    }

    // ---- Commands

    /** Signs the current operator out (their key is forgotten by the session). */
    public void signOut() {
        if (session != null) {
            session.signOut();
        }
    }

    static String text(SignedIn who) {
        return who == null ? "Not signed in — Sign in…"
                : who.name() + " (" + who.operator().role().title() + ") — Sign out";
    }
}
