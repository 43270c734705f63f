package io.edgedeck.db;

import java.util.List;

/** Messages that could not be decoded. */
public final class QuarantineLog {
    public long count() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /** The newest {@code limit} quarantined messages, newest first. */
    public List<QuarantinedMessage> recent(int limit) {
        throw new UnsupportedOperationException("TODO local-db");
    }
}
