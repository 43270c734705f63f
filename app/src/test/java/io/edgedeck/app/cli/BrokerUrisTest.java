package io.edgedeck.app.cli;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerUrisTest {
    @Test
    void acceptsTheUsualSpellings() {
        assertThat(BrokerUris.parse("tcp://localhost:1883")).isEqualTo(URI.create("tcp://localhost:1883"));
        assertThat(BrokerUris.parse("mqtt://broker.local")).isEqualTo(URI.create("tcp://broker.local:1883"));
        assertThat(BrokerUris.parse("10.0.0.5:1884")).isEqualTo(URI.create("tcp://10.0.0.5:1884"));
        assertThat(BrokerUris.parse(" broker ")).isEqualTo(URI.create("tcp://broker:1883"));
    }

    @Test
    void tlsAddressesDefaultToPort8883() {
        assertThat(BrokerUris.parse("ssl://broker.local")).isEqualTo(URI.create("ssl://broker.local:8883"));
        assertThat(BrokerUris.parse("mqtts://broker.local")).isEqualTo(URI.create("ssl://broker.local:8883"));
        assertThat(BrokerUris.parse("SSL://a1b2c3-ats.iot.eu-west-1.amazonaws.com:8883"))
                .isEqualTo(URI.create("ssl://a1b2c3-ats.iot.eu-west-1.amazonaws.com:8883"));
        assertThat(BrokerUris.parse("tls://[::1]:9883")).isEqualTo(URI.create("ssl://[::1]:9883"));
    }

    @Test
    void rejectsWhatItCannotUseWithAReason() {
        assertThatThrownBy(() -> BrokerUris.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BrokerUris.parse("http://x:80")).hasMessageContaining("unknown scheme 'http'");
        assertThatThrownBy(() -> BrokerUris.parse("ssl://:8883")).hasMessageContaining("no host")
                .hasMessageContaining("ssl://");
        assertThatThrownBy(() -> BrokerUris.parse("tcp://:1883")).hasMessageContaining("no host");
    }
}
