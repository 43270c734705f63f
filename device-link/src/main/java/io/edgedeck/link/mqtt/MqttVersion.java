package io.edgedeck.link.mqtt;

public enum MqttVersion {
    V3_1_1, V5;

    /** "3", "3.1.1", "5" -> version. */
    public static MqttVersion parse(String text) {
        return switch (text.trim()) {
            case "3", "3.1.1", "311" -> V3_1_1;
            case "5", "5.0" -> V5;
            default -> throw new IllegalArgumentException("unknown MQTT version '" + text + "' (use 3 or 5)");
        };
    }
}
