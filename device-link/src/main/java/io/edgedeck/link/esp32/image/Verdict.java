package io.edgedeck.link.esp32.image;

import java.util.List;
import java.util.Optional;

/**
 * The gate's answer for one file at one offset: accepted when no problem is an ERROR.
 *
 * @param image the image that was parsed, when the bytes were one (for merged files: the app, else the bootloader)
 */
public record Verdict(List<ValidationProblem> problems, Optional<Esp32Image> image) {
    public Verdict {
        problems = List.copyOf(problems);
    }

    public boolean accepted() {
        return errors().isEmpty();
    }

    public List<ValidationProblem> errors() {
        return problems.stream().filter(p -> p.severity() == ValidationProblem.Severity.ERROR).toList();
    }

    public List<ValidationProblem> warnings() {
        return problems.stream().filter(p -> p.severity() == ValidationProblem.Severity.WARNING).toList();
    }

    public boolean has(ValidationProblem.Code code) {
        return problems.stream().anyMatch(p -> p.code() == code);
    }

    /** The problem with {@code code}, if any. */
    public Optional<ValidationProblem> problem(ValidationProblem.Code code) {
        return problems.stream().filter(p -> p.code() == code).findFirst();
    }
}
