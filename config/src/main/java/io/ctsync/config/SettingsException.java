package io.ctsync.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a configuration file cannot be turned into valid {@link Settings}; holds every
 * problem found (errors and the warnings collected before them), never just the first.
 */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public SettingsException(List<Problem> problems) {
        super(problems.stream()
                .filter(Problem::isError)
                .map(Problem::format)
                .collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    /** All problems, errors and warnings, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The errors only. */
    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /** The warnings only. */
    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }
}
