package io.edgedeck.link.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CommandAckTest {
    private static java.util.Optional<CommandAck> parse(String s) {
        return CommandAck.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wireFormatBothWays() {
        assertThat(CommandAck.accepted(true, "n1").toJson()).isEqualTo("{\"status\":\"on\",\"nonce\":\"n1\",\"result\":\"accepted\"}");
        assertThat(CommandAck.rejected(false, "n2", RejectReason.EXPIRED).toJson())
                .isEqualTo("{\"status\":\"off\",\"nonce\":\"n2\",\"result\":\"rejected\",\"reason\":\"expired\"}");
        for (RejectReason r : RejectReason.values()) {
            CommandAck a = CommandAck.rejected(true, "n", r);
            assertThat(parse(a.toJson())).contains(a);
            assertThat(r.wireName()).matches("[a-z_]+");
        }
        assertThat(parse("{\"status\":\"on\",\"nonce\":\"n1\",\"result\":\"accepted\"}")).contains(CommandAck.accepted(true, "n1"));
    }

    @Test
    void plainStatusMessagesAreNoAck() {
        for (String s : new String[]{"{\"status\":\"on\"}", "{\"status\":\"offline\"}", "online", "", "[1]",
                "{\"status\":\"on\",\"result\":\"accepted\"}", "{\"status\":\"maybe\",\"nonce\":\"n\",\"result\":\"accepted\"}"}) {
            assertThat(parse(s)).as(s).isEmpty();
        }
        assertThat(parse("{\"status\":\"off\",\"nonce\":\"n\",\"result\":\"rejected\",\"reason\":\"from_the_future\"}"))
                .contains(CommandAck.rejected(false, "n", RejectReason.MALFORMED));
    }
}
