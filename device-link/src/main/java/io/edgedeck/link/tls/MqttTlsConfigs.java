package io.edgedeck.link.tls;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

/**
 * Turns {@link TlsSettings} into the HiveMQ client's {@link MqttClientSslConfig}: reads and checks the credentials
 * (files, passphrase, key against certificate) — a {@link TlsSetupException} if they are unusable — and wires the
 * trust manager that explains refusals ({@link ServerCertificateException}). Reads files and may decrypt a key
 * (about 0.2 s for PBKDF2): call it off the UI thread, once per connection setting, and share the result between
 * clients.
 */
public final class MqttTlsConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTlsConfigs.class);
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private MqttTlsConfigs() {
    }

    public static MqttClientSslConfig create(TlsSettings settings) {
        PemFiles pem = new PemFiles();
        KeyStore anchors = new TrustAnchors(pem).load(settings);
        X509ExtendedTrustManager pkix = pkix(anchors);
        var trust = new ExplainingTrustManager(pkix, settings.verifyHostname(), settings.trustDescription());
        var builder = MqttClientSslConfig.builder()
                .trustManagerFactory(new FixedTrustManagerFactory(trust))
                .protocols(settings.protocols())
                .handshakeTimeout(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (settings.identity().isPresent()) {
            builder.keyManagerFactory(new ClientKeys(pem).keyManagers(settings.identity().get()));
        }
        if (!settings.verifyHostname()) {
            LOG.warn("TLS: the broker's name is NOT checked against its certificate (--tls-insecure-no-hostname-check): "
                    + "anyone with a certificate from a trusted CA can pose as the broker");
            // a verifier of our own keeps the client from asking the engine for the HTTPS name check; the trust
            // manager above checks the chain only
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder.build();
    }

    private static X509ExtendedTrustManager pkix(KeyStore anchors) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) return x;
            }
            throw new TlsSetupException("The JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Cannot set up the trusted CAs: " + TlsSetupException.reason(e), e);
        }
    }
}
