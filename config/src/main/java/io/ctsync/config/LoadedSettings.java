package io.ctsync.config;

import java.util.List;

/**
 * The result of a successful load: valid settings plus the warnings the user should see (options
 * accepted but without effect, and the like).
 *
 * @param settings the validated settings
 * @param warnings warnings in file order; never contains errors
 * @param format the format the file was read as
 * @param source the file name as given
 */
public record LoadedSettings(Settings settings, List<Problem> warnings, ConfigFormat format, String source) {
    public LoadedSettings {
        warnings = List.copyOf(warnings);
    }
}
