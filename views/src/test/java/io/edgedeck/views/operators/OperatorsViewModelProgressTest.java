package io.edgedeck.views.operators;

import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Role;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding an operator makes and encrypts a key pair in the background: the screen says so until it is done. */
class OperatorsViewModelProgressTest {
    @TempDir
    Path dir;

    @Test
    void addingAnOperatorShowsWhatIsGoingOnUntilTheKeyIsMade() {
        Queue<Runnable> background = new ArrayDeque<>();
        try (LocalStore store = LocalStore.inMemory()) {
            var session = new OperatorSession(store.operators(), store.audit(), KeyRing.inDataFolder(dir));
            SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
            var vm = new OperatorsViewModel(session, store.operators(), new Tasks(background::add, Runnable::run),
                    new SimpleObjectProperty<>(root));
            background.poll().run(); // the first listing

            assertThat(vm.addWithNewKey("ana", Role.TECHNICIAN, "ana-passphrase", "ana-passphrase")).isTrue();
            assertThat(vm.busyProperty().get()).isTrue();
            assertThat(vm.messageProperty().get()).isEqualTo("Adding ana…");

            background.poll().run(); // the key pair, encrypted with the passphrase
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.messageProperty().get()).startsWith("Added ana (Technician)");
        }
    }
}
