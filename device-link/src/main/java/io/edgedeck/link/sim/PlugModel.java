package io.edgedeck.link.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A smart plug's electrical behaviour, advanced by wall-clock time. Deterministic: the same seed and the same sample
 * times give the same values. Not thread-safe.
 */
final class PlugModel {
    /** One reading of the plug. */
    record Sample(long epochMillis, double voltage, double current, double power, boolean relayOn, double energyKwh) {
        String toJson() {
            return String.format(Locale.ROOT,
                    "{\"voltage\":%.1f,\"current\":%.3f,\"power\":%.1f,\"relay_state\":\"%s\",\"energy\":%.4f}",
                    voltage, current, power, relayOn ? "on" : "off", energyKwh);
        }
    }

    private static final long MIN = 60_000;

    private final Appliance appliance;
    private final SplittableRandom rnd;
    private final ZoneId zone;
    private final boolean userSwitchable;
    // constant traits of this unit
    private final double voltageOffset;
    private final double voltagePhase;
    private final double standbyWatts;
    private final double ratedWatts;

    private double energyKwh;
    private long lastMillis = -1;
    private boolean relayOn = true;
    private long relayChangeAt = -1;

    // appliance state machine
    private int phase;
    private long phaseEnd = -1;
    private double phaseWatts;
    private long phaseStart;
    private double drift;

    PlugModel(Appliance appliance, long seed, ZoneId zone) {
        this.appliance = appliance;
        this.rnd = new SplittableRandom(seed);
        this.zone = zone;
        this.voltageOffset = rnd.nextDouble(-1.2, 1.2);
        this.voltagePhase = rnd.nextDouble(0, 2 * Math.PI);
        this.energyKwh = Math.round(rnd.nextDouble(2, 400) * 1000) / 1000.0;
        this.standbyWatts = switch (appliance) {
            case FRIDGE -> rnd.nextDouble(0.8, 1.6);
            case KETTLE -> rnd.nextDouble(0.5, 0.9);
            case TV -> rnd.nextDouble(0.5, 1.0);
            case PC -> rnd.nextDouble(2.0, 5.0);
            case WASHING_MACHINE -> rnd.nextDouble(0.8, 2.0);
            case STANDBY -> rnd.nextDouble(0.5, 5.0);
        };
        this.ratedWatts = switch (appliance) {
            case FRIDGE -> rnd.nextDouble(85, 120);
            case KETTLE -> rnd.nextDouble(1850, 2200);
            case TV -> rnd.nextDouble(70, 140);
            case PC -> rnd.nextDouble(60, 120);
            case WASHING_MACHINE -> rnd.nextDouble(1900, 2150);
            case STANDBY -> standbyWatts;
        };
        this.userSwitchable = appliance == Appliance.TV || appliance == Appliance.PC || appliance == Appliance.STANDBY
                || appliance == Appliance.KETTLE;
    }

    Appliance appliance() {
        return appliance;
    }

    boolean relayOn() {
        return relayOn;
    }

    /** Switches the relay (a command); returns true when the state changed. */
    boolean setRelay(boolean on, long nowMillis) {
        boolean changed = relayOn != on;
        relayOn = on;
        relayChangeAt = -1;
        if (changed && !on && userSwitchable) {
            relayChangeAt = nowMillis + (long) (rnd.nextDouble(30, 120) * MIN); // someone turns it back on later
        }
        return changed;
    }

    /**
     * Advances to {@code nowMillis}; {@code relayChanged[0]} is set when the relay switched on its own (a user at the
     * wall).
     */
    Sample sample(long nowMillis, boolean[] relayChanged) {
        if (lastMillis < 0) {
            lastMillis = nowMillis;
            relayChangeAt = userSwitchable ? nowMillis + (long) exp(45 * MIN) : -1;
        }
        long dt = Math.max(0, nowMillis - lastMillis);
        if (relayChangeAt >= 0 && nowMillis >= relayChangeAt) {
            relayOn = !relayOn;
            relayChangeAt = nowMillis + (long) (relayOn ? exp(45 * MIN) : rnd.nextDouble(2, 10) * MIN);
            if (relayChanged != null && relayChanged.length > 0) relayChanged[0] = true;
        }
        double load = applianceWatts(nowMillis);
        double power = relayOn ? load : 0.0;
        double voltage = voltage(nowMillis);
        double current = power / voltage;
        energyKwh += power * dt / 3.6e9;
        lastMillis = nowMillis;
        return new Sample(nowMillis, round(voltage, 1), round(current, 3), round(power, 1), relayOn, round(energyKwh, 4));
    }

    private double voltage(long t) {
        double hours = t / 3_600_000.0;
        double v = 230 + voltageOffset
                + 3.0 * Math.sin(2 * Math.PI * hours / 6 + voltagePhase)       // grid load over the day
                + 1.2 * Math.sin(2 * Math.PI * hours * 60 / 17 + voltagePhase * 3) // slower wobble
                + rnd.nextGaussian() * 0.35;
        return Math.clamp(v, 223.1, 236.9);
    }

    private double applianceWatts(long now) {
        double hour = hourOfDay(now);
        return switch (appliance) {
            case FRIDGE -> fridge(now);
            case KETTLE -> kettle(now, hour);
            case TV -> tv(now, hour);
            case PC -> pc(now, hour);
            case WASHING_MACHINE -> washer(now, hour);
            case STANDBY -> standbyWatts + rnd.nextGaussian() * 0.05 * standbyWatts;
        };
    }

    // phase 0 = off, 1 = running
    private double fridge(long now) {
        if (phaseEnd < 0) {
            phase = rnd.nextBoolean() ? 1 : 0;
            phaseStart = now - (long) rnd.nextDouble(0, 3 * MIN);
            phaseEnd = now + (long) (rnd.nextDouble(1, 6) * MIN);
        }
        while (now >= phaseEnd) {
            phase = 1 - phase;
            phaseStart = phaseEnd;
            phaseEnd += (long) (phase == 1 ? rnd.nextDouble(4, 8) * MIN : rnd.nextDouble(6, 12) * MIN);
        }
        if (phase == 0) return standbyWatts + rnd.nextGaussian() * 0.05;
        long since = now - phaseStart;
        if (since < 3_000) return ratedWatts * 2.3 + rnd.nextGaussian() * 10; // motor start-up surge
        // slowly falls as the cabinet cools
        double cooling = 1.0 - 0.08 * Math.min(1.0, since / (6.0 * MIN));
        return ratedWatts * cooling + rnd.nextGaussian() * 2.0;
    }

    // phase 0 = idle, 1 = boiling
    private double kettle(long now, double hour) {
        if (phaseEnd < 0) {
            phase = 0;
            phaseEnd = now + (long) exp(meanKettleGap(hour));
        }
        while (now >= phaseEnd) {
            if (phase == 0) {
                phase = 1;
                phaseStart = phaseEnd;
                phaseEnd += (long) (rnd.nextDouble(2, 4) * MIN);
            } else {
                phase = 0;
                phaseEnd += (long) exp(meanKettleGap(hour));
            }
        }
        if (phase == 0) return standbyWatts;
        // element power dips slightly as the water heats and the element warms
        double progress = (now - phaseStart) / (3.0 * MIN);
        return ratedWatts * (1.0 - 0.03 * Math.min(1, progress)) + rnd.nextGaussian() * 8;
    }

    private static double meanKettleGap(double hour) {
        boolean busy = (hour >= 6.5 && hour < 9) || (hour >= 16 && hour < 20);
        boolean night = hour < 6 || hour >= 23;
        return (busy ? 20 : night ? 240 : 60) * MIN;
    }

    // phase 0 = standby, 1 = on; drift = programme loudness/brightness
    private double tv(long now, double hour) {
        if (phaseEnd < 0) {
            phase = 0;
            phaseEnd = now;
        }
        while (now >= phaseEnd) {
            boolean evening = hour >= 18 || hour < 0.5;
            if (phase == 0) {
                if (evening ? rnd.nextDouble() < 0.85 : rnd.nextDouble() < 0.08) {
                    phase = 1;
                    phaseEnd = now + (long) (rnd.nextDouble(20, 90) * MIN);
                } else {
                    phaseEnd = now + (long) (rnd.nextDouble(5, 30) * MIN);
                }
            } else {
                phase = evening && rnd.nextDouble() < 0.7 ? 1 : 0;
                phaseEnd = now + (long) (rnd.nextDouble(10, 45) * MIN);
            }
        }
        if (phase == 0) return standbyWatts;
        drift = Math.clamp(drift + rnd.nextGaussian() * 0.03, -0.25, 0.25); // scene brightness
        return ratedWatts * (1 + drift) + rnd.nextGaussian() * 1.5;
    }

    // phase 0 = standby, 1 = desk work, 2 = gaming / rendering
    private double pc(long now, double hour) {
        if (phaseEnd < 0) {
            phase = 0;
            phaseEnd = now;
        }
        while (now >= phaseEnd) {
            boolean office = hour >= 8.5 && hour < 17;
            boolean evening = hour >= 19 || hour < 1;
            double r = rnd.nextDouble();
            if (office) phase = r < 0.7 ? 1 : r < 0.75 ? 2 : 0;
            else if (evening) phase = r < 0.35 ? 1 : r < 0.75 ? 2 : 0;
            else phase = r < 0.08 ? 1 : 0;
            phaseEnd = now + (long) (rnd.nextDouble(phase == 2 ? 3 : 10, phase == 2 ? 25 : 60) * MIN);
        }
        return switch (phase) {
            case 1 -> ratedWatts + Math.abs(rnd.nextGaussian()) * 15;
            case 2 -> Math.clamp(ratedWatts + 150 + rnd.nextGaussian() * 40, 150, 360);
            default -> standbyWatts + rnd.nextGaussian() * 0.1;
        };
    }

    // phase 0 = idle, 1 fill, 2 heat, 3 wash, 4 rinse, 5 spin
    private double washer(long now, double hour) {
        if (phaseEnd < 0) {
            phase = 0;
            phaseEnd = now + (long) exp(90 * MIN);
        }
        while (now >= phaseEnd) {
            long start = phaseEnd;
            if (phase == 0 && (hour < 7 || hour >= 21)) { // nobody starts a wash at night
                phaseEnd = start + (long) (rnd.nextDouble(30, 90) * MIN);
                continue;
            }
            phase = (phase + 1) % 6;
            phaseStart = start;
            phaseEnd = start + (long) (switch (phase) {
                case 0 -> exp(150 * MIN);
                case 1 -> rnd.nextDouble(1.5, 3) * MIN;
                case 2 -> rnd.nextDouble(10, 18) * MIN;
                case 3 -> rnd.nextDouble(25, 40) * MIN;
                case 4 -> rnd.nextDouble(10, 18) * MIN;
                default -> rnd.nextDouble(6, 12) * MIN;
            });
        }
        long since = now - phaseStart;
        boolean drumTurning = (since / 12_000) % 2 == 0; // 12 s on, 12 s pause
        return switch (phase) {
            case 1 -> 12 + rnd.nextDouble() * 8;
            case 2 -> ratedWatts + rnd.nextGaussian() * 15;
            case 3 -> drumTurning ? 180 + rnd.nextGaussian() * 25 : 15 + rnd.nextDouble() * 5;
            case 4 -> drumTurning ? 140 + rnd.nextGaussian() * 20 : 12 + rnd.nextDouble() * 5;
            case 5 -> Math.min(since / 60_000.0, 1.0) * 300 + 220 + rnd.nextGaussian() * 20; // ramps up
            default -> standbyWatts;
        };
    }

    private double exp(double mean) {
        return -mean * Math.log(1 - rnd.nextDouble());
    }

    private double hourOfDay(long millis) {
        var t = Instant.ofEpochMilli(millis).atZone(zone).toLocalTime();
        return t.toSecondOfDay() / 3600.0;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(Math.max(0, v) * f) / f;
    }
}
