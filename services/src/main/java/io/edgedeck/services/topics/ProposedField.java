package io.edgedeck.services.topics;

import io.edgedeck.db.Metric;

/**
 * A field of the payload and what it should be stored as.
 *
 * @param name   as written in the payload ({@code a.b} for field b inside object a)
 * @param sample its value in the last payload, as text
 * @param metric what to store it as; null: not stored
 */
public record ProposedField(String name, String sample, Metric metric) {
    public ProposedField withMetric(Metric m) {
        return new ProposedField(name, sample, m);
    }
}
