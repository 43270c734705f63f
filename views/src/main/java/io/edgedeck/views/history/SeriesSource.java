package io.edgedeck.views.history;

import io.edgedeck.db.HistorySeries;

/** Where series come from: {@code store.readings()::history} in the app. Called off the FX thread. */
@FunctionalInterface
public interface SeriesSource {
    HistorySeries series(SeriesQuery query);
}
