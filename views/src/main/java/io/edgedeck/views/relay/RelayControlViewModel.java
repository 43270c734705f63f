package io.edgedeck.views.relay;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Operator;
import io.edgedeck.db.Permission;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.RejectReason;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.DeviceStatus;
import javafx.beans.value.ObservableValue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Relay control for every plug: decides whether a click may send a command (signed in? role? online? already
 * pending?), asks for confirmation before switching off a plug that draws power, sends the signed command off the
 * FX thread, shows "pending…" until the device's status (tracked by the fleet model) or the command's answer
 * confirms, and turns rejections, time-outs and refusals into words.
 */
public final class RelayControlViewModel {
    /** Switching off a plug that draws more than this asks first. */
    public static final double CONFIRM_ABOVE_WATTS = 5.0;
    /** A command still pending after this long is given up in the UI (the sender's own timeout normally ends it first). */
    public static final Duration PENDING_LIMIT = Duration.ofSeconds(30);

    /** What a click on a plug's control leads to. */
    public sealed interface Decision {
        record SignInFirst() implements Decision {
        }

        /** The control cannot be used: the reason, in words. */
        record Refused(String reason) implements Decision {
        }

        /** Ask first: "Switch off plug-3? It draws 1,950 W now." */
        record Confirm(String question) implements Decision {
        }

        record Send() implements Decision {
        }
    }

    private final ObservableValue<Operator> operator;
    private final RelaySender sender;
    private final Tasks tasks;
    private final Clock clock;
    private final Consumer<RelayNotice> notices;
    private final Map<DeviceModel, RelaySwitch> switches = new HashMap<>();
    private long nextRequestId;

    /**
     * @param operator the signed-in operator (null when nobody is), read on the FX thread
     * @param sender   sends as that operator (called on a background thread)
     * @param notices  pop-up notifications (FX thread)
     */
    public RelayControlViewModel(ObservableValue<Operator> operator, RelaySender sender, Tasks tasks, Clock clock,
                                 Consumer<RelayNotice> notices) {
        this.operator = Objects.requireNonNull(operator, "operator");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notices = Objects.requireNonNull(notices, "notices");
        operator.addListener((o, a, b) -> switches.forEach(this::updateUsable));
    }

    // ---- Properties

    /** The control of {@code device} (created on first use, then following the device). FX thread. */
    public RelaySwitch switchFor(DeviceModel device) {
        return switches.computeIfAbsent(device, this::create);
    }

    /** Whether the device is a plug (only plugs have a relay to switch). */
    public static boolean hasRelay(DeviceModel device) {
        return device != null && device.kind() == DeviceKind.PLUG;
    }

    // ---- Commands

    /** What a click with {@code command} on {@code device}'s control would do now. */
    public Decision decide(DeviceModel device, RelayCommand command) {
        Operator who = operator.getValue();
        if (who == null) {
            return new Decision.SignInFirst();
        }
        Optional<String> refusal = refusal(device, who);
        if (refusal.isPresent()) {
            return new Decision.Refused(refusal.get());
        }
        double watts = device.value(Metric.POWER);
        boolean switchesOff = command == RelayCommand.RELAY_OFF
                || command == RelayCommand.RELAY_TOGGLE && Boolean.TRUE.equals(device.relayOnProperty().get());
        if (switchesOff && !Double.isNaN(watts) && watts > CONFIRM_ABOVE_WATTS) {
            return new Decision.Confirm(confirmQuestion(device.id(), watts));
        }
        return new Decision.Send();
    }

    /** The tile's switch: ON when off, OFF when on, toggle when the state is unknown. */
    public void flip(DeviceModel device, RelayInteraction ui) {
        Boolean on = switchFor(device).relayOnProperty().get();
        request(device, on == null ? RelayCommand.RELAY_TOGGLE : on ? RelayCommand.RELAY_OFF : RelayCommand.RELAY_ON, ui);
    }

    /**
     * A person asked for {@code command} on {@code device}: signs in first if needed (then goes on), explains a
     * refusal, asks before switching off a plug that draws power, then sends.
     */
    public void request(DeviceModel device, RelayCommand command, RelayInteraction ui) {
        if (device == null) {
            return;
        }
        switch (decide(device, command)) {
            case Decision.SignInFirst s -> ui.signIn(() -> {
                if (operator.getValue() != null) {
                    request(device, command, ui);
                }
            });
            case Decision.Refused r -> notices.accept(new RelayNotice(RelayNotice.Level.WARNING,
                    "Cannot switch " + device.id(), r.reason()));
            case Decision.Confirm c -> {
                if (ui.confirm("Switch off " + device.id() + "?", c.question())) {
                    send(device, command);
                }
            }
            case Decision.Send s -> send(device, command);
        }
    }

    /** Called on each UI pulse: gives up commands pending longer than {@link #PENDING_LIMIT}. */
    public void onPulse() {
        long now = clock.millis();
        switches.forEach((device, sw) -> {
            if (sw.isPending() && now - sw.pendingSinceMillis > PENDING_LIMIT.toMillis()) {
                sw.requestId = 0;
                sw.setPending(false);
                sw.setProblem("no answer");
                notices.accept(new RelayNotice(RelayNotice.Level.ERROR, device.id() + " did not answer",
                        "No answer from " + device.id() + " within " + PENDING_LIMIT.toSeconds() + " s. Is it online?"));
                updateUsable(device, sw);
            }
        });
    }

    // ---- Sending and outcomes

    void send(DeviceModel device, RelayCommand command) {
        RelaySwitch sw = switchFor(device);
        if (sw.isPending()) {
            return;
        }
        long id = ++nextRequestId;
        Boolean on = sw.relayOnProperty().get();
        sw.requestId = id;
        sw.target = switch (command) {
            case RELAY_ON -> true;
            case RELAY_OFF -> false;
            case RELAY_TOGGLE -> on == null ? null : !on;
        };
        sw.pendingSinceMillis = clock.millis();
        sw.setProblem("");
        sw.setPending(true);
        updateUsable(device, sw);
        tasks.run("sending " + command.wireName() + " to " + device.id(), () -> sender.send(device.id(), command),
                future -> future.whenComplete((outcome, failure) -> tasks.fx().execute(() ->
                        finished(device, command, id, outcome, failure))),
                failure -> finished(device, command, id, null, failure));
    }

    private void finished(DeviceModel device, RelayCommand command, long id, CommandOutcome outcome, Throwable failure) {
        RelaySwitch sw = switchFor(device);
        boolean current = sw.requestId == id;
        if (current) {
            sw.requestId = 0;
            sw.setPending(false);
        }
        String what = words(command);
        if (failure != null) {
            String why = Tasks.describe(unwrap(failure));
            if (current) {
                sw.setProblem("not sent");
            }
            notices.accept(new RelayNotice(RelayNotice.Level.WARNING, device.id() + ": " + what + " not sent",
                    why.startsWith(device.id()) ? why : capital(why)));
        } else {
            switch (outcome.result()) {
                case ACCEPTED -> {
                    if (outcome.relayOn() != null) {
                        sw.setRelayOn(outcome.relayOn());
                    }
                    if (current) {
                        sw.setProblem("");
                    }
                }
                case REJECTED -> {
                    if (outcome.relayOn() != null) {
                        sw.setRelayOn(outcome.relayOn());
                    }
                    sw.setProblem(shortReason(outcome.reason()));
                    notices.accept(new RelayNotice(RelayNotice.Level.ERROR, device.id() + " did not " + what,
                            capital(rejectionWords(outcome.reason())) + ". " + capital(outcome.reason().explanation()) + "."));
                }
                case TIMEOUT -> {
                    sw.setProblem("no answer");
                    notices.accept(new RelayNotice(RelayNotice.Level.ERROR, device.id() + " did not answer",
                            "No answer from " + device.id() + " within "
                                    + Math.max(1, Math.round(outcome.waited().toMillis() / 1000.0)) + " s. Is it online?"));
                }
            }
        }
        updateUsable(device, sw);
    }

    /** The device's own status confirmed the state a pending command asked for. */
    private void onDeviceRelay(DeviceModel device, RelaySwitch sw, Boolean on) {
        sw.setRelayOn(on);
        if (sw.isPending() && on != null && on.equals(sw.target)) {
            sw.requestId = 0;
            sw.setPending(false);
            sw.setProblem("");
            updateUsable(device, sw);
        }
    }

    private RelaySwitch create(DeviceModel device) {
        var sw = new RelaySwitch(device.id());
        sw.setRelayOn(device.relayOnProperty().get());
        device.relayOnProperty().addListener((o, a, b) -> onDeviceRelay(device, sw, b));
        device.statusProperty().addListener((o, a, b) -> updateUsable(device, sw));
        updateUsable(device, sw);
        return sw;
    }

    private void updateUsable(DeviceModel device, RelaySwitch sw) {
        Operator who = operator.getValue();
        if (sw.isPending()) {
            sw.setUsable(false, "Waiting for " + device.id() + " to confirm…");
        } else if (who == null) {
            sw.setUsable(true, "Sign in to switch " + device.id() + " (Ctrl+L)");
        } else {
            Optional<String> refusal = refusal(device, who);
            sw.setUsable(refusal.isEmpty(), refusal.orElseGet(() -> "Switch " + device.id() + " "
                    + (Boolean.TRUE.equals(sw.relayOnProperty().get()) ? "off" : "on") + " (signed by " + who.name() + ")"));
        }
    }

    private static Optional<String> refusal(DeviceModel device, Operator who) {
        Optional<String> role = AccessPolicy.refusal(who, Permission.SEND_COMMAND);
        if (role.isPresent()) {
            return Optional.of(capital(role.get()) + ".");
        }
        if (device.status() == DeviceStatus.OFFLINE) {
            return Optional.of(device.id() + " is offline: it cannot receive commands now.");
        }
        return Optional.empty();
    }

    // ---- Words

    /** "Switch off plug-3? It draws 1,950 W now." */
    static String confirmQuestion(String deviceId, double watts) {
        return "Switch off " + deviceId + "? It draws " + String.format(Locale.ROOT, "%,.0f", watts) + " W now.";
    }

    /** "the plug refused it: expired", "not trusted by the device". */
    static String rejectionWords(RejectReason reason) {
        return switch (reason) {
            case UNKNOWN_KEY -> "not trusted by the device";
            default -> "the plug refused it: " + reason.wireName().replace('_', ' ');
        };
    }

    /** For the tile: "refused: expired", "not trusted". */
    static String shortReason(RejectReason reason) {
        return reason == RejectReason.UNKNOWN_KEY ? "not trusted" : "refused: " + reason.wireName().replace('_', ' ');
    }

    private static String words(RelayCommand command) {
        return switch (command) {
            case RELAY_ON -> "switch on";
            case RELAY_OFF -> "switch off";
            case RELAY_TOGGLE -> "toggle";
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable x = t;
        while ((x instanceof CompletionException || x instanceof ExecutionException) && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    private static String capital(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static CompletableFuture<CommandOutcome> never() {
        return new CompletableFuture<>();
    }
}
