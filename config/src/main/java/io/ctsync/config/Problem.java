package io.ctsync.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One error or warning found while loading a configuration file, located by file and line and
 * naming the key, what was found there and what was expected.
 *
 * @param severity error (the file is rejected) or warning (accepted, but the user should know)
 * @param source the file (or "environment variable X", or a resource) the value came from
 * @param line 1-based line in {@code source}, or 0 when unknown
 * @param key the setting, as a HOCON path ({@code ctsync.sync.ftfw.ack-window}) or a
 *     conntrackd.conf option path ({@code Sync.UDP.Port})
 * @param found what the file holds (for a warning: empty)
 * @param expected what would have been accepted (for a warning: the explanation)
 * @param hint an extra hint such as "did you mean 'ack-window'?", or empty
 */
public record Problem(
        Severity severity, String source, int line, String key, String found, String expected, String hint) {

    /** Whether a problem rejects the file. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** Orders problems by source, then line, then key. */
    public static final Comparator<Problem> BY_POSITION = Comparator.comparing(Problem::source)
            .thenComparingInt(Problem::line)
            .thenComparing(Problem::key);

    public Problem {
        Objects.requireNonNull(severity, "severity");
        source = source == null ? "" : source;
        key = key == null ? "" : key;
        found = found == null ? "" : found;
        expected = expected == null ? "" : expected;
        hint = hint == null ? "" : hint;
    }

    /** An error: {@code source:line: key: found F, expected E (hint)}. */
    public static Problem error(String source, int line, String key, String found, String expected) {
        return new Problem(Severity.ERROR, source, line, key, found, expected, "");
    }

    /** A warning: {@code source:line: warning: key: message}. */
    public static Problem warning(String source, int line, String key, String message) {
        return new Problem(Severity.WARNING, source, line, key, "", message, "");
    }

    /** This problem with a hint such as "did you mean 'x'?". */
    public Problem withHint(String newHint) {
        return new Problem(severity, source, line, key, found, expected, newHint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code source:line} or just {@code source} when the line is unknown. */
    public String location() {
        return line > 0 ? source + ":" + line : source;
    }

    /**
     * The one-line text shown to users: {@code file:line: key: found X, expected Y} for errors,
     * {@code file:line: warning: key: text} for warnings.
     */
    public String format() {
        StringBuilder sb = new StringBuilder(location()).append(": ");
        if (severity == Severity.WARNING) {
            sb.append("warning: ");
        }
        if (!key.isEmpty()) {
            sb.append(key).append(": ");
        }
        if (severity == Severity.ERROR) {
            sb.append("found ").append(found).append(", expected ").append(expected);
        } else {
            sb.append(expected);
        }
        if (!hint.isEmpty()) {
            sb.append(" (").append(hint).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
