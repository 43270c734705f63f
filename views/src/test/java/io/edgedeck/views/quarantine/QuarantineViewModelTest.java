package io.edgedeck.views.quarantine;

import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.views.common.Tasks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineViewModelTest {
    @Test
    void listsQuarantinedMessagesFromTheStoreNewestFirst() {
        try (LocalStore store = LocalStore.inMemory()) {
            store.writer().commit(IngestBatch.quarantine(new QuarantinedMessage("iot/data",
                    "temp=??".getBytes(StandardCharsets.UTF_8), "no key:value pair", 1_000)));
            store.writer().commit(IngestBatch.quarantine(new QuarantinedMessage("smartplug/p1/telemetry",
                    new byte[]{0x7b, 0x00, (byte) 0xff}, "not JSON", 2_000)));
            var vm = new QuarantineViewModel(store.quarantine(), Tasks.direct());

            vm.refresh();

            assertThat(vm.countProperty().get()).isEqualTo(2);
            assertThat(vm.rows()).extracting(QuarantineRow::topic).containsExactly("smartplug/p1/telemetry", "iot/data");
            QuarantineRow first = vm.rows().getFirst();
            assertThat(first.hex()).isEqualTo("7b 00 ff");
            assertThat(first.reason()).isEqualTo("not JSON");
            assertThat(first.text()).startsWith("{·");

            vm.selectedProperty().set(vm.rows().get(1));
            assertThat(vm.detailTextProperty().get()).isEqualTo("temp=??");
            assertThat(vm.detailHexProperty().get()).startsWith("00000000  74 65 6d 70");

            vm.refresh(); // reloads fresh copies of the same messages: the selection stays
            assertThat(vm.selectedProperty().get()).isNotNull();
            assertThat(vm.selectedProperty().get().topic()).isEqualTo("iot/data");
        }
    }

    @Test
    void aFailureIsShownAsAMessage() {
        var vm = new QuarantineViewModel(() -> {
            throw new IllegalStateException("closed");
        }, n -> java.util.List.of(), Tasks.direct());
        vm.refresh();
        assertThat(vm.messageProperty().get()).isEqualTo("Could not load quarantined messages: closed");
        assertThat(vm.loadingProperty().get()).isFalse();
    }
}
