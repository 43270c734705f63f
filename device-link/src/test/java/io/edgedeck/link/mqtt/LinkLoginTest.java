package io.edgedeck.link.mqtt;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkLoginTest {
    @Test
    void refusedLoginIsReportedAndTheRightOneWorks() {
        try (EmbeddedBroker broker = EmbeddedBroker.startWithLogin(0, "operator", "s3cret".toCharArray());
             LocalStore store = LocalStore.inMemory()) {
            String where = "127.0.0.1:" + broker.port();
            BrokerSettings base = BrokerSettings.of(broker.uri(), "login-test");
            for (MqttVersion v : MqttVersion.values()) {
                BrokerSettings wrong = new BrokerSettings(broker.uri(), v, "login-" + v, Optional.of("operator"),
                        Optional.of("nope".toCharArray()), false, 60, 30);
                try (IngestPipeline p = new IngestPipeline(wrong, TopicMapping.defaults(), store.writer())) {
                    assertThatThrownBy(() -> p.start(Duration.ofSeconds(5))).isInstanceOf(LinkException.class)
                            .hasMessage("The MQTT broker at " + where + " refused the login: bad user name or password");
                }
                BrokerSettings anonymous = base.withVersion(v).withClientId("anon-" + v);
                try (IngestPipeline p = new IngestPipeline(anonymous, TopicMapping.defaults(), store.writer())) {
                    assertThatThrownBy(() -> p.start(Duration.ofSeconds(5))).isInstanceOf(LinkException.class)
                            .hasMessageContaining("refused the login");
                }
                BrokerSettings right = new BrokerSettings(broker.uri(), v, "ok-" + v, Optional.of("operator"),
                        Optional.of("s3cret".toCharArray()), false, 60, 30);
                try (IngestPipeline p = new IngestPipeline(right, TopicMapping.defaults(), store.writer())) {
                    p.start(Duration.ofSeconds(5));
                    assertThat(p.state()).isEqualTo(LinkState.CONNECTED);
                }
            }
        }
    }
}
