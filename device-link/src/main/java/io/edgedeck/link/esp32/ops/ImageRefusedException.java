package io.edgedeck.link.esp32.ops;

/** The image gate refused a job: nothing was written. {@link #report()} holds every problem. */
public final class ImageRefusedException extends RuntimeException {

    private final transient GateReport report;

    public ImageRefusedException(GateReport report) {
        super(message(report));
        this.report = report;
    }

    public GateReport report() {
        return report;
    }

    private static String message(GateReport report) {
        var errors = report.errorLines();
        return "Refused to flash, nothing was written: " + (errors.isEmpty() ? "the images are not acceptable"
                : String.join(" ", errors));
    }
}
