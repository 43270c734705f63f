package io.edgedeck.services.energy;

/** Where the tariff is kept: {@link TariffFile} in the console's settings folder; {@link #inMemory()} in tests. */
public interface TariffStore {
    /** The saved tariff, or {@link Tariff#defaultTariff()} when none was saved. */
    Tariff load();

    /** Saves it; throws with a message for a person when it cannot. */
    void save(Tariff tariff);

    /** A store that forgets on exit. */
    static TariffStore inMemory() {
        return new TariffStore() {
            private Tariff current = Tariff.defaultTariff();

            @Override
            public synchronized Tariff load() {
                return current;
            }

            @Override
            public synchronized void save(Tariff tariff) {
                current = tariff;
            }
        };
    }
}
