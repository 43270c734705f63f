package io.edgedeck.link.codec;

/** The device ids EdgeDeck accepts: 1 to 64 characters of {@code A-Z a-z 0-9 . _ : -}. */
public final class DeviceIds {
    public static final int MAX_LENGTH = 64;
    static final String RULE = "use 1-64 characters of A-Z a-z 0-9 . _ : -";

    private DeviceIds() {
    }

    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
