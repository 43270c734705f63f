package io.edgedeck.link.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/** An embedded HiveMQ extension that admits every client and refuses subscriptions to filters with one prefix. */
final class SubscriptionRefusal {
    private SubscriptionRefusal() {
    }

    static EmbeddedExtension create(String prefix, EmbeddedBroker.Refusal how) {
        SimpleAuthenticator anyone = (input, output) -> output.authenticateSuccessfully();
        SubscriptionAuthorizer authorizer = (input, output) -> {
            if (!input.getSubscription().getTopicFilter().startsWith(prefix)) {
                output.authorizeSuccessfully();
            } else if (how == EmbeddedBroker.Refusal.DISCONNECT) {
                output.disconnectClient(DisconnectReasonCode.NOT_AUTHORIZED, "subscription not allowed");
            } else {
                output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "subscription not allowed");
            }
        };
        return EmbeddedExtension.builder()
                .withId("edgedeck-refusal").withName("EdgeDeck subscription refusal").withVersion("1")
                .withAuthor("EdgeDeck").withPriority(1000).withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> anyone);
                        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
                    }
                })
                .build();
    }
}
