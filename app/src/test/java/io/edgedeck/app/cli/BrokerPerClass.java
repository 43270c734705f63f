package io.edgedeck.app.cli;

import io.edgedeck.link.broker.EmbeddedBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded broker on a free port for all tests of a class:
 * {@code @RegisterExtension static final BrokerPerClass BROKER = new BrokerPerClass();}, then {@code BROKER.get()}.
 */
final class BrokerPerClass implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedBroker.start(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }

    EmbeddedBroker get() {
        return broker;
    }
}
