package io.ctsync.config;

import java.util.List;
import java.util.function.Predicate;

/**
 * An accept list and an ignore list for one filter criterion: a value passes when the accept
 * list is empty or holds a match, and the ignore list holds none.
 */
public record Selection<T>(List<T> accept, List<T> ignore) {

    public Selection {
        accept = List.copyOf(accept);
        ignore = List.copyOf(ignore);
    }

    /** A selection that lets everything pass. */
    public static <T> Selection<T> all() {
        return new Selection<>(List.of(), List.of());
    }

    /** Whether no criterion is set. */
    public boolean isEmpty() {
        return accept.isEmpty() && ignore.isEmpty();
    }

    /** Whether {@code value} passes, comparing with {@code equals}. */
    public boolean admits(T value) {
        return admits(value::equals);
    }

    /** Whether a value passes, given a test of whether a list element matches it. */
    public boolean admits(Predicate<? super T> matchesElement) {
        if (!accept.isEmpty() && accept.stream().noneMatch(matchesElement)) {
            return false;
        }
        return ignore.stream().noneMatch(matchesElement);
    }
}
