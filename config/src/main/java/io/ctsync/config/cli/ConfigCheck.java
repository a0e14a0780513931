package io.ctsync.config.cli;

import io.ctsync.config.LoadedSettings;
import io.ctsync.config.Problem;
import io.ctsync.config.SettingsException;
import io.ctsync.config.SettingsLoader;
import io.ctsync.config.SettingsRenderer;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/**
 * {@code ctsyncd --check-config (-C FILE | --config FILE)}: validates a configuration file and
 * prints the effective settings as HOCON on stdout, or every problem on stderr, one per line
 * ({@code file:line: key: found X, expected Y}). Exit status 0 = valid, 1 = invalid, 2 = bad
 * arguments.
 */
public final class ConfigCheck {
    /** The switch that selects this mode of ctsyncd. */
    public static final String SWITCH = "--check-config";

    static final String USAGE = "usage: ctsyncd --check-config -C /etc/conntrackd/conntrackd.conf\n"
            + "       ctsyncd --check-config --config /etc/ctsync/ctsync.conf";

    private ConfigCheck() {}

    /** Runs the check with the process environment's CTSYNC_* overrides. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs the check with the given environment. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CliArgs a;
        try {
            a = CliArgs.parse(args, Set.of(SWITCH), Set.of("-h", "--help"));
        } catch (CliArgs.UsageException e) {
            err.println("ctsyncd --check-config: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (a.flags().contains("-h") || a.flags().contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        try {
            LoadedSettings loaded = SettingsLoader.load(a.file(), a.format(), env);
            for (Problem w : loaded.warnings()) {
                err.println(w.format());
            }
            out.println("# Effective settings of " + a.file() + " (" + describe(a) + "), every key.");
            out.print(SettingsRenderer.renderFull(loaded.settings()));
            err.println(a.file() + ": valid"
                    + (loaded.warnings().isEmpty()
                            ? ""
                            : ", " + plural(loaded.warnings().size(), "warning")));
            return 0;
        } catch (SettingsException e) {
            for (Problem p : e.problems()) {
                err.println(p.format());
            }
            err.println(a.file() + ": invalid, " + plural(e.errors().size(), "error") + "; ctsyncd would not start");
            return 1;
        }
    }

    static String describe(CliArgs a) {
        return a.format() == io.ctsync.config.ConfigFormat.HOCON ? "ctsync HOCON" : "conntrackd.conf";
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
