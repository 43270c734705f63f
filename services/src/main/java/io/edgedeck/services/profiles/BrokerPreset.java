package io.edgedeck.services.profiles;

import io.edgedeck.link.mqtt.MqttVersion;

/**
 * Defaults for the brokers people use, filling port, TLS and MQTT version in the connection dialog. What each one
 * still needs from the user is in {@link #hint()}.
 */
public enum BrokerPreset {
    AWS_IOT_CORE("AWS IoT Core", 8883, true, MqttVersion.V5,
            "Host: your account's ATS endpoint (xxxx-ats.iot.REGION.amazonaws.com). Needs the thing's certificate "
                    + "and private key; the broker's certificate chains to Amazon Root CA 1 (in the system's CAs, or "
                    + "pin AmazonRootCA1.pem). No user name. The client id must be allowed by the thing's policy."),
    MOSQUITTO("Mosquitto", 1883, false, MqttVersion.V5,
            "Plain MQTT on 1883; for TLS switch it on (port 8883) and pin your CA file. Set max_queued_messages 0 "
                    + "for lossless persistent sessions."),
    HIVEMQ_CLOUD("HiveMQ Cloud", 8883, true, MqttVersion.V5,
            "Host: your cluster's address (xxxx.s1.eu.hivemq.cloud). Needs the user name and password of an access "
                    + "credential; its certificate is trusted by the system's CAs."),
    EMQX("EMQX", 1883, false, MqttVersion.V5,
            "Self-hosted EMQX: 1883 plain or 8883 with TLS. EMQX Cloud (Serverless): switch TLS on, port 8883, "
                    + "and give the user name and password of the deployment.");

    private final String label;
    private final int port;
    private final boolean tls;
    private final MqttVersion version;
    private final String hint;

    BrokerPreset(String label, int port, boolean tls, MqttVersion version, String hint) {
        this.label = label;
        this.port = port;
        this.tls = tls;
        this.version = version;
        this.hint = hint;
    }

    public String label() { return label; }
    public int port() { return port; }
    public boolean tls() { return tls; }
    public MqttVersion version() { return version; }
    public String hint() { return hint; }

    /** The profile with this preset's port, TLS and version (host, names and files are left as they are). */
    public ConnectionProfile applyTo(ConnectionProfile p) {
        return p.toBuilder().port(port).tls(tls).mqttVersion(version).verifyHostname(true).build();
    }

    @Override
    public String toString() {
        return label;
    }
}
