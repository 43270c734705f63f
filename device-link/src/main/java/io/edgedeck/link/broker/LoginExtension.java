package io.edgedeck.link.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/** An embedded HiveMQ extension that admits one user name and password. */
final class LoginExtension {
    private LoginExtension() {
    }

    static EmbeddedExtension create(String username, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] expected = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        SimpleAuthenticator authenticator = (input, output) -> {
            var connect = input.getConnectPacket();
            boolean userOk = connect.getUserName().map(username::equals).orElse(false);
            byte[] given = connect.getPassword().map(b -> {
                byte[] a = new byte[b.remaining()];
                b.duplicate().get(a);
                return a;
            }).orElse(new byte[0]);
            boolean passwordOk = MessageDigest.isEqual(expected, given);
            Arrays.fill(given, (byte) 0);
            if (userOk && passwordOk) {
                output.authenticateSuccessfully();
            } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
        };
        return EmbeddedExtension.builder()
                .withId("edgedeck-login").withName("EdgeDeck login").withVersion("1").withAuthor("EdgeDeck")
                .withPriority(1000).withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
                    }
                })
                .build();
    }
}
