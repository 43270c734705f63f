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
    void rejectsWhatItCannotUseWithAReason() {
        assertThatThrownBy(() -> BrokerUris.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BrokerUris.parse("http://x:80")).hasMessageContaining("unknown scheme 'http'");
        assertThatThrownBy(() -> BrokerUris.parse("ssl://x:8883")).hasMessageContaining("TLS");
        assertThatThrownBy(() -> BrokerUris.parse("tcp://:1883")).hasMessageContaining("no host");
    }
}
