package io.edgedeck.link.tls;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import java.security.KeyStore;
import java.security.Provider;

/** A {@link TrustManagerFactory} that hands out one given trust manager (the MQTT client takes factories only). */
final class FixedTrustManagerFactory extends TrustManagerFactory {
    FixedTrustManagerFactory(TrustManager trustManager) {
        super(new Spi(trustManager), new Provider("EdgeDeckTrust", "1.0", "EdgeDeck's explaining trust manager") {
        }, "EdgeDeck");
    }

    private static final class Spi extends TrustManagerFactorySpi {
        private final TrustManager trustManager;

        Spi(TrustManager trustManager) {
            this.trustManager = trustManager;
        }

        @Override
        protected void engineInit(KeyStore ks) {
            // fixed
        }

        @Override
        protected void engineInit(ManagerFactoryParameters spec) {
            // fixed
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return new TrustManager[]{trustManager};
        }
    }
}
