package io.edgedeck.views.relay;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Operator;
import io.edgedeck.db.Reading;
import io.edgedeck.db.Role;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.RejectReason;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.command.SignedCommand;
import io.edgedeck.views.MutableClock;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.FleetModel;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay controls' rules without a window: refusals, the confirmation threshold, and the pending lifecycle. */
class RelayControlViewModelTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final FleetModel fleet = new FleetModel(clock);
    final SimpleObjectProperty<Operator> operator = new SimpleObjectProperty<>();
    final List<String> sent = new ArrayList<>();
    final List<CompletableFuture<CommandOutcome>> futures = new ArrayList<>();
    final List<RelayNotice> notices = new ArrayList<>();
    final FakeUi ui = new FakeUi();
    RuntimeException refuseWith;
    RelayControlViewModel vm;

    static Operator op(String name, Role role) {
        return new Operator(name, role, "kid-" + name, "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
                Instant.parse("2026-11-01T00:00:00Z"), false);
    }

    final class FakeUi implements RelayInteraction {
        int signIns;
        final List<String> questions = new ArrayList<>();
        boolean answer = true;
        Operator signsInAs;

        @Override
        public void signIn(Runnable afterSignIn) {
            signIns++;
            if (signsInAs != null) {
                operator.set(signsInAs);
                afterSignIn.run();
            }
        }

        @Override
        public boolean confirm(String title, String question) {
            questions.add(question);
            return answer;
        }
    }

    @BeforeEach
    void setUp() {
        vm = new RelayControlViewModel(operator, (device, command) -> {
            if (refuseWith != null) {
                throw refuseWith;
            }
            sent.add(device + " " + command.wireName());
            var f = new CompletableFuture<CommandOutcome>();
            futures.add(f);
            return f;
        }, Tasks.direct(), clock, notices::add);
    }

    DeviceModel plug(String id, double watts, boolean on) {
        fleet.committed(IngestBatch.of(List.of(new Reading(id, DeviceKind.PLUG, clock.millis(),
                Map.of(Metric.POWER, watts, Metric.RELAY, on ? 1.0 : 0.0)))), null);
        fleet.pulse();
        return fleet.find(id).orElseThrow();
    }

    SignedCommand signed(String device, RelayCommand c) {
        return new SignedCommand("h.p.s", device, c, "nonce-1", "kid-ana", clock.instant(), clock.instant().plusSeconds(300));
    }

    @Test
    void notSignedInOpensSignInAndThenGoesOn() {
        DeviceModel d = plug("plug-1", 0, false);
        assertThat(vm.decide(d, RelayCommand.RELAY_ON)).isInstanceOf(RelayControlViewModel.Decision.SignInFirst.class);
        assertThat(vm.switchFor(d).isDisabled()).isFalse();
        assertThat(vm.switchFor(d).hint()).isEqualTo("Sign in to switch plug-1 (Ctrl+L)");

        vm.request(d, RelayCommand.RELAY_ON, ui); // cancelled sign-in: nothing sent
        assertThat(ui.signIns).isEqualTo(1);
        assertThat(sent).isEmpty();

        ui.signsInAs = op("ana", Role.TECHNICIAN);
        vm.request(d, RelayCommand.RELAY_ON, ui);
        assertThat(sent).containsExactly("plug-1 relay_on");
    }

    @Test
    void aViewerOrAuditorSeesADisabledSwitchWithTheReason() {
        DeviceModel d = plug("plug-1", 0, false);
        operator.set(op("vic", Role.VIEWER));
        RelaySwitch sw = vm.switchFor(d);
        assertThat(sw.isDisabled()).isTrue();
        assertThat(sw.hint()).isEqualTo("Viewer 'vic' may not send commands to devices (only Admin and Technician may).");

        vm.request(d, RelayCommand.RELAY_ON, ui);
        assertThat(sent).isEmpty();
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.text()).contains("may not send commands"));

        operator.set(op("aud", Role.AUDITOR));
        assertThat(sw.hint()).startsWith("Auditor 'aud' may not");
        operator.set(op("ana", Role.TECHNICIAN));
        assertThat(sw.isDisabled()).isFalse();
        assertThat(sw.hint()).isEqualTo("Switch plug-1 on (signed by ana)");
    }

    @Test
    void switchingOffAPlugThatDrawsMoreThanFiveWattsAsksFirst() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel kettle = plug("plug-3", 1950, true);
        assertThat(vm.decide(kettle, RelayCommand.RELAY_OFF)).isEqualTo(
                new RelayControlViewModel.Decision.Confirm("Switch off plug-3? It draws 1,950 W now."));
        assertThat(vm.decide(kettle, RelayCommand.RELAY_TOGGLE)).isInstanceOf(RelayControlViewModel.Decision.Confirm.class);
        assertThat(vm.decide(kettle, RelayCommand.RELAY_ON)).isInstanceOf(RelayControlViewModel.Decision.Send.class);
        assertThat(vm.decide(plug("standby", 5.0, true), RelayCommand.RELAY_OFF))
                .isInstanceOf(RelayControlViewModel.Decision.Send.class);
        assertThat(vm.decide(plug("lamp", 5.1, true), RelayCommand.RELAY_OFF))
                .isInstanceOf(RelayControlViewModel.Decision.Confirm.class);

        ui.answer = false;
        vm.flip(kettle, ui);
        assertThat(ui.questions).containsExactly("Switch off plug-3? It draws 1,950 W now.");
        assertThat(sent).isEmpty();
        ui.answer = true;
        vm.flip(kettle, ui);
        assertThat(sent).containsExactly("plug-3 relay_off");
    }

    @Test
    void pendingUntilTheDevicesStatusConfirmsAndNoSecondClickMeanwhile() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel d = plug("plug-1", 0, false);
        RelaySwitch sw = vm.switchFor(d);
        assertThat(sw.text()).isEqualTo("OFF");

        vm.flip(d, ui);
        assertThat(sent).containsExactly("plug-1 relay_on");
        assertThat(sw.isPending()).isTrue();
        assertThat(sw.text()).isEqualTo("pending…");
        assertThat(sw.isDisabled()).isTrue();
        vm.flip(d, ui);
        vm.request(d, RelayCommand.RELAY_OFF, ui);
        assertThat(sent).hasSize(1);

        clock.advance(Duration.ofMillis(300));
        plug("plug-1", 40, true); // the status the fleet model tracks
        assertThat(sw.isPending()).isFalse();
        assertThat(sw.text()).isEqualTo("ON");
        assertThat(sw.isDisabled()).isFalse();

        futures.getFirst().complete(new CommandOutcome(CommandOutcome.Result.ACCEPTED, signed("plug-1", RelayCommand.RELAY_ON),
                true, null, Duration.ofMillis(120)));
        assertThat(sw.text()).isEqualTo("ON");
        assertThat(sw.problem()).isEmpty();
        assertThat(notices).isEmpty();
    }

    @Test
    void theAcceptedAnswerClearsPendingBeforeTheStatusArrives() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel d = plug("plug-1", 0, false);
        vm.flip(d, ui);
        futures.getFirst().complete(new CommandOutcome(CommandOutcome.Result.ACCEPTED, signed("plug-1", RelayCommand.RELAY_ON),
                true, null, Duration.ofMillis(120)));
        assertThat(vm.switchFor(d).isPending()).isFalse();
        assertThat(vm.switchFor(d).text()).isEqualTo("ON");
    }

    @Test
    void aRejectionIsShownInWordsOnTheTileAndAsANotification() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel d = plug("plug-3", 0, false);
        vm.flip(d, ui);
        futures.getFirst().complete(new CommandOutcome(CommandOutcome.Result.REJECTED, signed("plug-3", RelayCommand.RELAY_ON),
                false, RejectReason.EXPIRED, Duration.ofMillis(90)));
        RelaySwitch sw = vm.switchFor(d);
        assertThat(sw.isPending()).isFalse();
        assertThat(sw.text()).isEqualTo("OFF");
        assertThat(sw.problem()).isEqualTo("refused: expired");
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(RelayNotice.Level.ERROR);
            assertThat(n.title()).isEqualTo("plug-3 did not switch on");
            assertThat(n.text()).isEqualTo("The plug refused it: expired. The command had expired (check both clocks).");
        });

        vm.flip(d, ui);
        assertThat(sw.problem()).isEmpty(); // a new attempt starts clean
        futures.get(1).complete(new CommandOutcome(CommandOutcome.Result.REJECTED, signed("plug-3", RelayCommand.RELAY_ON),
                false, RejectReason.UNKNOWN_KEY, Duration.ofMillis(90)));
        assertThat(sw.problem()).isEqualTo("not trusted");
        assertThat(notices.get(1).text()).startsWith("Not trusted by the device.");
    }

    @Test
    void aTimeoutIsShownAndEndsPending() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel d = plug("plug-1", 0, false);
        vm.flip(d, ui);
        futures.getFirst().complete(CommandOutcome.timeout(signed("plug-1", RelayCommand.RELAY_ON), Duration.ofSeconds(10)));
        assertThat(vm.switchFor(d).isPending()).isFalse();
        assertThat(vm.switchFor(d).problem()).isEqualTo("no answer");
        assertThat(notices).singleElement().satisfies(n ->
                assertThat(n.text()).isEqualTo("No answer from plug-1 within 10 s. Is it online?"));
    }

    @Test
    void withNoAnswerAtAllTheUiGivesUpAfterItsOwnLimit() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel d = plug("plug-1", 0, false);
        vm.flip(d, ui);
        clock.advance(Duration.ofSeconds(29));
        vm.onPulse();
        assertThat(vm.switchFor(d).isPending()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        vm.onPulse();
        assertThat(vm.switchFor(d).isPending()).isFalse();
        assertThat(vm.switchFor(d).problem()).isEqualTo("no answer");
        // a late answer does not bring "pending" back nor hide the state it reports
        futures.getFirst().complete(new CommandOutcome(CommandOutcome.Result.ACCEPTED, signed("plug-1", RelayCommand.RELAY_ON),
                true, null, Duration.ofSeconds(31)));
        assertThat(vm.switchFor(d).isPending()).isFalse();
        assertThat(vm.switchFor(d).text()).isEqualTo("ON");
    }

    @Test
    void rateLimitAndRoleRefusalsFromTheServicesShowTheirMessages() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel d = plug("plug-1", 0, false);
        refuseWith = new IllegalStateException("plug-1 already had 10 commands in the last minute; next allowed in 42 s");
        vm.flip(d, ui);
        assertThat(vm.switchFor(d).isPending()).isFalse();
        assertThat(vm.switchFor(d).problem()).isEqualTo("not sent");
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("plug-1: switch on not sent");
            assertThat(n.text()).isEqualTo("plug-1 already had 10 commands in the last minute; next allowed in 42 s");
        });

        refuseWith = null;
        vm.flip(d, ui);
        futures.getFirst().completeExceptionally(new java.util.concurrent.CompletionException(
                new io.edgedeck.db.AccessRefusedException("operator 'ana' is disabled and may not send commands to devices")));
        assertThat(notices.get(1).text()).isEqualTo("Operator 'ana' is disabled and may not send commands to devices");
    }

    @Test
    void anOfflinePlugCannotBeSwitched() {
        operator.set(op("ana", Role.TECHNICIAN));
        DeviceModel d = plug("plug-1", 0, false);
        fleet.committed(IngestBatch.availability(new io.edgedeck.db.Availability("plug-1", DeviceKind.PLUG, false, clock.millis())), null);
        fleet.pulse();
        assertThat(vm.switchFor(d).isDisabled()).isTrue();
        assertThat(vm.switchFor(d).hint()).isEqualTo("plug-1 is offline: it cannot receive commands now.");
    }
}
