package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.image.ValidationProblem;
import io.edgedeck.link.esp32.image.Verdict;

import java.util.ArrayList;
import java.util.List;

/** The image gate's answer for a whole job: one verdict per file; accepted when no file has an error. */
public record GateReport(List<FileVerdict> files) {

    public record FileVerdict(ImageFile file, Verdict verdict) {
    }

    public GateReport {
        files = List.copyOf(files);
    }

    public boolean accepted() {
        return files.stream().allMatch(f -> f.verdict().accepted());
    }

    /** Every error, as {@code file at 0x10000: message}. */
    public List<String> errorLines() {
        return lines(ValidationProblem.Severity.ERROR);
    }

    /** Every warning, in the same form. */
    public List<String> warningLines() {
        return lines(ValidationProblem.Severity.WARNING);
    }

    private List<String> lines(ValidationProblem.Severity severity) {
        List<String> out = new ArrayList<>();
        for (FileVerdict f : files) {
            for (ValidationProblem p : f.verdict().problems()) {
                if (p.severity() == severity) {
                    out.add(f.file() + ": " + p.message());
                }
            }
        }
        return out;
    }
}
