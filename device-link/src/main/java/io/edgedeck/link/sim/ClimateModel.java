package io.edgedeck.link.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A DHT11-style room sensor: temperature follows a daily sinusoid (warmest mid-afternoon) plus a slow random walk and
 * noise; relative humidity moves the opposite way. Deterministic for a seed and sample times. Not thread-safe.
 */
final class ClimateModel {
    record Sample(long epochMillis, double temperature, double humidity) {
        /** {@code {"ts":<epoch seconds>,"temperature":21.4,"humidity":48}} */
        String toJson() {
            return String.format(Locale.ROOT, "{\"ts\":%d,\"temperature\":%.1f,\"humidity\":%.0f}",
                    Math.floorDiv(epochMillis, 1000), temperature, humidity);
        }
    }

    private final SplittableRandom rnd;
    private final ZoneId zone;
    private final double meanTemp;
    private final double amplitude;
    private final double meanHumidity;
    private double walk;

    ClimateModel(long seed, ZoneId zone) {
        this.rnd = new SplittableRandom(seed);
        this.zone = zone;
        this.meanTemp = rnd.nextDouble(18.5, 23.5);
        this.amplitude = rnd.nextDouble(1.5, 4.0);
        this.meanHumidity = rnd.nextDouble(40, 58);
    }

    Sample sample(long nowMillis) {
        double hour = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalTime().toSecondOfDay() / 3600.0;
        // peak at 15:00, trough at 03:00
        double daily = amplitude * Math.sin(2 * Math.PI * (hour - 9) / 24);
        walk = Math.clamp(walk * 0.995 + rnd.nextGaussian() * 0.02, -1.0, 1.0);
        double t = meanTemp + daily + walk + rnd.nextGaussian() * 0.08;
        double h = meanHumidity - 2.4 * (t - meanTemp) + rnd.nextGaussian() * 0.6;
        return new Sample(nowMillis, Math.round(t * 10) / 10.0, Math.clamp(Math.round(h), 15, 95));
    }
}
