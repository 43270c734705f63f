package io.edgedeck.views.history;

import io.edgedeck.db.SeriesPoint;

import java.util.List;

/** Where series come from: {@code store.readings()::series} in the app. Called off the FX thread. */
@FunctionalInterface
public interface SeriesSource {
    List<SeriesPoint> series(SeriesQuery query);
}
