package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;
import io.edgedeck.link.esp32.flash.RegionResult;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Text for the Flash screen: progress, speed, ETA, phases and verdicts. Pure functions, tested without a window. */
public final class FlashTexts {
    private FlashTexts() {
    }

    /** {@code 0x10000}. */
    public static String hex(long offset) {
        return String.format(Locale.ROOT, "0x%X", offset);
    }

    /** Parses {@code 0x10000} (hex) or {@code 65536} (decimal); -1 when it is neither. */
    public static long parseOffset(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.strip().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return t.length() > 2 ? Long.parseLong(t.substring(2), 16) : -1;
            }
            return t.isEmpty() ? -1 : Long.parseLong(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code 524,288 / 1,048,576 bytes (50 %)}. */
    public static String bytes(long done, long total) {
        int percent = total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        return String.format(Locale.ROOT, "%,d / %,d bytes (%d %%)", done, total, percent);
    }

    /** Image bytes per second as {@code 1,234 kbit/s} (1 kbit = 1000 bits); an en dash when not measurable yet. */
    public static String rate(double bytesPerSecond) {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            return "– kbit/s";
        }
        return String.format(Locale.ROOT, "%,d kbit/s", Math.round(bytesPerSecond * 8 / 1000));
    }

    /** {@code ETA 0:07}, {@code ETA 12:05}, {@code ETA 1:02:03}; {@code ETA –} when the speed is unknown. */
    public static String eta(long remainingBytes, double bytesPerSecond) {
        if (remainingBytes <= 0) {
            return "ETA 0:00";
        }
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            return "ETA –";
        }
        long s = (long) Math.ceil(remainingBytes / bytesPerSecond);
        return s >= 3600
                ? String.format(Locale.ROOT, "ETA %d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "ETA %d:%02d", s / 60, s % 60);
    }

    /** The progress line: bytes, then speed and ETA while writing. */
    public static String progressLine(Progress p, double bytesPerSecond) {
        if (p.total() <= 0) {
            return "";
        }
        String b = bytes(p.done(), p.total());
        return p.phase() == Phase.WRITING || p.phase() == Phase.ERASING
                ? b + " · " + rate(bytesPerSecond) + " · " + eta(p.total() - p.done(), bytesPerSecond)
                : b;
    }

    /**
     * What the flasher is doing: {@code Connecting to /dev/ttyUSB0…}, {@code Writing region 2/3 at 0x8000}.
     *
     * @param offsets the job's region offsets, for naming the region
     */
    public static String phase(Progress p, String port, List<Integer> offsets) {
        String region = p.region() >= 0 && p.regionCount() > 0
                ? " region " + (p.region() + 1) + "/" + p.regionCount()
                + (p.region() < offsets.size() ? " at " + hex(offsets.get(p.region())) : "")
                : "";
        return switch (p.phase()) {
            case CONNECTING -> "Connecting to " + port + "…";
            case ERASING -> "Erasing" + region + "…";
            case WRITING -> "Writing" + region;
            case VERIFYING -> "Verifying" + region;
            case READING -> "Reading flash";
            case RESETTING -> "Resetting the board";
            case DONE -> "Done";
        };
    }

    /** {@code Verified — MD5 3f2a…} for one region, one MD5 per offset for several. */
    public static String verdict(List<RegionResult> regions, boolean verified) {
        String head = verified ? "Verified" : "Written (not verified)";
        if (regions.size() == 1) {
            return head + " — MD5 " + regions.getFirst().md5();
        }
        return head + " — MD5 per region:\n" + regions.stream().map(r -> hex(r.offset()) + "  " + r.md5())
                .collect(Collectors.joining("\n"));
    }
}
