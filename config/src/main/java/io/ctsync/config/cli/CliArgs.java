package io.ctsync.config.cli;

import io.ctsync.config.ConfigFormat;
import java.nio.file.Path;
import java.util.Set;

/**
 * The file arguments shared by {@code --check-config} and {@code --convert-config}:
 * {@code -C FILE} (conntrackd.conf) or {@code --config FILE} / {@code --config=FILE} (HOCON).
 */
record CliArgs(Path file, ConfigFormat format, Set<String> flags) {

    /** Thrown for arguments that cannot be understood; the message is shown to the user. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}; {@code ignored} are words accepted and dropped (the mode switch
     * itself), {@code allowedFlags} are switches without a value that are reported in flags.
     */
    static CliArgs parse(String[] args, Set<String> ignored, Set<String> allowedFlags) throws UsageException {
        Path file = null;
        ConfigFormat format = null;
        java.util.Set<String> flags = new java.util.LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (ignored.contains(a)) {
                continue;
            }
            if (allowedFlags.contains(a)) {
                flags.add(a);
                continue;
            }
            ConfigFormat f;
            String value;
            if (a.equals("-C") || a.equals("--config")) {
                if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                    throw new UsageException(a + " needs a file name");
                }
                f = a.equals("-C") ? ConfigFormat.CONNTRACKD : ConfigFormat.HOCON;
                value = args[++i];
            } else if (a.startsWith("--config=")) {
                f = ConfigFormat.HOCON;
                value = a.substring("--config=".length());
            } else if (a.startsWith("-C") && a.length() > 2) {
                f = ConfigFormat.CONNTRACKD;
                value = a.substring(2);
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
            if (value.isEmpty()) {
                throw new UsageException(a + " needs a file name");
            }
            if (file != null) {
                throw new UsageException("give one configuration file, not several");
            }
            file = Path.of(value);
            format = f;
        }
        if (file == null && (flags.contains("-h") || flags.contains("--help"))) {
            return new CliArgs(null, null, flags);
        }
        if (file == null) {
            throw new UsageException(
                    "no configuration file: give -C FILE (conntrackd.conf) or --config FILE (ctsync HOCON)");
        }
        return new CliArgs(file, format, flags);
    }
}
