package io.edgedeck.views.connection;

/** The fields of the connection dialog that can carry a validation message. */
public enum ProfileField {
    NAME, HOST, PORT, CLIENT_ID, KEEP_ALIVE, USERNAME, PASSWORD, CA_FILE, CERT_FILE, KEY_FILE, KEY_PASSPHRASE,
    MAPPING_FILE
}
