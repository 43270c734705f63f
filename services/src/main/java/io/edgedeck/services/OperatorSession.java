package io.edgedeck.services;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditEntry;
import io.edgedeck.db.AuditLog;
import io.edgedeck.db.AuditOutcome;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import io.edgedeck.db.Permission;
import io.edgedeck.db.Role;
import io.edgedeck.link.command.KeyFileException;
import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.OperatorKey;
import io.edgedeck.link.command.OperatorKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who is signed in on this console, and how operators come to be. Signing in means unlocking one's own key: the
 * operator must exist, be enabled, and the unlocked key's id must equal the key id registered for them. Every sign-in
 * is audited ({@code login}, outcome ok, or refused with the reason). The same rules serve the CLI, where the key comes
 * from a file ({@link #signIn(String, OperatorKey)}, {@link #identify(OperatorKey)}) and nobody stays signed in.
 *
 * <p>Every method that takes a passphrase wipes the array before it returns, also when it fails. Unlocking or
 * creating a key takes about 0.2 s: call those methods off the UI thread. Thread-safe.
 */
public final class OperatorSession {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSession.class);

    private final OperatorRegistry operators;
    private final AuditLog audit;
    private final KeyRing keys;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SignedIn current;

    public OperatorSession(OperatorRegistry operators, AuditLog audit, KeyRing keys) {
        this.operators = Objects.requireNonNull(operators, "operators");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    // ---- Properties ------------------------------------------------------------------------------------------------

    /** Who is signed in on this console, if anyone. */
    public Optional<SignedIn> current() {
        return Optional.ofNullable(current);
    }

    /** True while the database has no operator: the console must create the first one (who becomes Admin). */
    public boolean needsFirstOperator() {
        return operators.isEmpty();
    }

    /** The operators who can sign in on this console: enabled, with a key file in this console's key ring. */
    public List<Operator> signInCandidates() {
        return operators.list().stream().filter(o -> !o.disabled() && keys.has(o.name())).toList();
    }

    public void addListener(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    // ---- Commands --------------------------------------------------------------------------------------------------

    /**
     * Signs an operator in on this console with the key in the {@link KeyRing}; whoever was signed in before is
     * signed out. Audited.
     *
     * @throws SignInException with a sentence for people (unknown or disabled operator, no key here, wrong
     *                         passphrase, a key that is not theirs)
     */
    public SignedIn signIn(String name, char[] passphrase) {
        try {
            Operator operator = enabledOperator(name);
            if (!keys.has(operator.name())) {
                throw refused(operator.name(), null, SignInException.Reason.NO_KEY_HERE,
                        "this console holds no key of operator '" + operator.name() + "' (sign in on the console "
                                + "where the key was created, or an Admin replaces the key)");
            }
            OperatorKey key;
            try {
                key = keys.unlock(operator.name(), passphrase);
            } catch (KeyFileException e) {
                boolean wrong = e.getMessage() != null && e.getMessage().startsWith("wrong passphrase");
                throw refused(operator.name(), null,
                        wrong ? SignInException.Reason.WRONG_PASSPHRASE : SignInException.Reason.KEY_UNREADABLE,
                        wrong ? "wrong passphrase for operator '" + operator.name() + "'" : e.getMessage());
            }
            SignedIn signedIn = checkedSignIn(operator, key);
            setCurrent(signedIn);
            return signedIn;
        } finally {
            wipe(passphrase);
        }
    }

    /**
     * Checks a key unlocked elsewhere (the CLI's {@code --key FILE}) against operator {@code name}; audits the login.
     * Does not change {@link #current()}.
     *
     * @throws SignInException when the operator is unknown or disabled, or the key is not theirs
     */
    public SignedIn signIn(String name, OperatorKey key) {
        Objects.requireNonNull(key, "key");
        return checkedSignIn(enabledOperator(name), key);
    }

    /**
     * The operator whose registered key this is (the CLI's {@code command --key FILE}); audits the login. Does not
     * change {@link #current()}.
     *
     * @throws SignInException when no operator has this key, or its operator is disabled
     */
    public SignedIn identify(OperatorKey key) {
        Objects.requireNonNull(key, "key");
        Operator operator = operators.findByKeyId(key.keyId()).orElseThrow(() -> refused(null, key.keyId(),
                SignInException.Reason.UNKNOWN_OPERATOR, "key " + key.keyId() + " belongs to no operator of this "
                        + "console (an Admin registers it with 'edgedeck operators add')"));
        if (operator.disabled()) {
            throw refused(operator.name(), key.keyId(), SignInException.Reason.DISABLED,
                    "operator '" + operator.name() + "' is disabled");
        }
        return checkedSignIn(operator, key);
    }

    /** Signs the current operator out (nothing happens when nobody is signed in). */
    public void signOut() {
        if (current != null) {
            LOG.info("Operator {} signed out", current.name());
            setCurrent(null);
        }
    }

    /**
     * Bootstrap: creates the first operator of this console with a new key in the key ring, registers them as
     * Admin and signs them in.
     *
     * @throws io.edgedeck.db.AccessRefusedException when operators exist already
     * @throws IllegalArgumentException              for a bad name or a too short passphrase
     */
    public SignedIn createFirstOperator(String name, char[] passphrase) {
        try {
            if (!operators.isEmpty()) {
                throw new io.edgedeck.db.AccessRefusedException("operators exist already: sign in, and an Admin adds "
                        + "new operators");
            }
            char[] forUnlock = passphrase.clone();
            try {
                CreatedKey created = keys.create(name, passphrase);
                Operator op = register(null, created, Role.ADMIN);
                OperatorKey key = keys.unlock(op.name(), forUnlock);
                SignedIn signedIn = checkedSignIn(op, key);
                setCurrent(signedIn);
                return signedIn;
            } finally {
                wipe(forUnlock);
            }
        } finally {
            wipe(passphrase);
        }
    }

    /**
     * An Admin creates a colleague on this console: a new key in the key ring (protected by the colleague's
     * passphrase, typed by them), registered with {@code role}. Audited by the registry.
     *
     * @throws io.edgedeck.db.AccessRefusedException when {@code admin} may not manage operators (also audited)
     * @throws IllegalArgumentException              for a bad or taken name, or a too short passphrase
     */
    public Operator createOperator(SignedIn admin, String name, Role role, char[] passphrase) {
        try {
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(role, "role");
            requireManager(admin); // before a key file is written
            operators.find(name).ifPresent(o -> {
                throw new IllegalArgumentException("there is already an operator named '" + o.name() + "'");
            });
            CreatedKey created = keys.create(name, passphrase);
            return register(admin.operator(), created, role);
        } finally {
            wipe(passphrase);
        }
    }

    /**
     * Registers an operator whose key lives elsewhere, by their public key (PEM {@code PUBLIC KEY}). {@code admin}
     * may be null only while the database has no operator: the first one becomes Admin whatever {@code role} says.
     *
     * @throws io.edgedeck.db.AccessRefusedException when {@code admin} may not manage operators (also audited)
     * @throws KeyFileException                      when the text is not a P-256 public key
     * @throws IllegalArgumentException              for a bad or taken name, or a key another operator has
     */
    public Operator importOperator(SignedIn admin, String name, Role role, String publicKeyPem) {
        ECPublicKey key = KeyFiles.parsePublic("the public key of '" + name + "'", publicKeyPem);
        return operators.add(admin == null ? null : admin.operator(), name, role, OperatorKeys.keyId(key),
                KeyFiles.publicPem(key));
    }

    /**
     * Replaces an operator's registered public key (PEM {@code PUBLIC KEY}); audited.
     *
     * @throws io.edgedeck.db.AccessRefusedException when {@code admin} may not manage operators (also audited)
     * @throws KeyFileException                      when the text is not a P-256 public key
     */
    public Operator replaceKey(SignedIn admin, String name, String publicKeyPem) {
        Objects.requireNonNull(admin, "admin");
        ECPublicKey key = KeyFiles.parsePublic("the new public key of '" + name + "'", publicKeyPem);
        return operators.replaceKey(admin.operator(), name, OperatorKeys.keyId(key), KeyFiles.publicPem(key));
    }

    // ---- inside ----------------------------------------------------------------------------------------------------

    private Operator register(Operator actor, CreatedKey created, Role role) {
        try {
            return operators.add(actor, created.operator(), role, created.keyId(), created.publicKeyPem());
        } catch (RuntimeException e) {
            keys.delete(created.operator());
            throw e;
        }
    }

    private void requireManager(SignedIn admin) {
        Operator now = operators.find(admin.name()).orElse(admin.operator());
        AccessPolicy.refusal(now, Permission.MANAGE_OPERATORS).ifPresent(reason -> {
            audit.append(AuditEntry.operatorChangeRefused(admin.name(), "tried to add an operator: " + reason));
            throw new io.edgedeck.db.AccessRefusedException(reason);
        });
    }

    private Operator enabledOperator(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new SignInException(SignInException.Reason.UNKNOWN_OPERATOR, "enter an operator name");
        }
        Operator operator = operators.find(n).orElseThrow(() -> refused(n, null,
                SignInException.Reason.UNKNOWN_OPERATOR, "there is no operator '" + n + "'"));
        if (operator.disabled()) {
            throw refused(operator.name(), operator.keyId(), SignInException.Reason.DISABLED,
                    "operator '" + operator.name() + "' is disabled");
        }
        return operator;
    }

    private SignedIn checkedSignIn(Operator operator, OperatorKey key) {
        if (!operator.keyId().equals(key.keyId())) {
            String owner = operators.findByKeyId(key.keyId()).map(o -> " (it is the key of '" + o.name() + "')")
                    .orElse("");
            throw refused(operator.name(), key.keyId(), SignInException.Reason.KEY_MISMATCH,
                    "this key is not the registered key of operator '" + operator.name() + "'" + owner);
        }
        audit.append(AuditEntry.login(operator.name(), key.keyId()));
        LOG.info("Operator {} signed in with key {}", operator.name(), key.keyId());
        return new SignedIn(operator, key);
    }

    private SignInException refused(String name, String keyId, SignInException.Reason reason, String message) {
        audit.append(new AuditEntry(name, keyId, AuditAction.LOGIN, null, "refused: " + message,
                AuditOutcome.REFUSED));
        LOG.info("Sign-in refused: {}", message);
        return new SignInException(reason, message);
    }

    private void setCurrent(SignedIn now) {
        current = now;
        Optional<SignedIn> value = Optional.ofNullable(now);
        for (SessionListener l : listeners) {
            try {
                l.sessionChanged(value);
            } catch (RuntimeException e) {
                LOG.warn("A session listener failed", e);
            }
        }
    }

    private static void wipe(char[] passphrase) {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }
}
