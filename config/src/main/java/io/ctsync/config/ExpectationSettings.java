package io.ctsync.config;

import java.util.List;
import java.util.Locale;

/**
 * Expectation replication ({@code ctsync.expectations}, conntrackd {@code ExpectationSync}).
 *
 * @param enabled whether expectations are replicated
 * @param helpers only expectations whose helper name starts with one of these (case-insensitive);
 *     empty = all
 */
public record ExpectationSettings(boolean enabled, List<String> helpers) {
    public ExpectationSettings {
        helpers = List.copyOf(helpers);
    }

    /** Whether an expectation created by the helper {@code helperName} is replicated. */
    public boolean replicates(String helperName) {
        if (!enabled) {
            return false;
        }
        if (helpers.isEmpty()) {
            return true;
        }
        String h = helperName == null ? "" : helperName.toLowerCase(Locale.ROOT);
        return helpers.stream().anyMatch(p -> h.startsWith(p.toLowerCase(Locale.ROOT)));
    }
}
