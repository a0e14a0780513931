package io.ctsync.config.cli;

import io.ctsync.config.ConfigFormat;
import io.ctsync.config.LoadedSettings;
import io.ctsync.config.Problem;
import io.ctsync.config.Settings;
import io.ctsync.config.SettingsException;
import io.ctsync.config.SettingsLoader;
import io.ctsync.config.SettingsRenderer;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/**
 * {@code ctsyncd --convert-config -C FILE [--full]}: prints the ctsync HOCON equivalent of a
 * conntrackd.conf on stdout (only the settings that differ from ctsync's defaults, or every key
 * with {@code --full}), with the reader's warnings as comments and on stderr. The output is
 * checked to load back to equal settings. Environment overrides are not applied: the output
 * describes the file. Exit status 0 = converted, 1 = invalid file, 2 = bad arguments.
 */
public final class ConfigConvert {
    /** The switch that selects this mode of ctsyncd. */
    public static final String SWITCH = "--convert-config";

    static final String USAGE =
            "usage: ctsyncd --convert-config -C /etc/conntrackd/conntrackd.conf [--full] > ctsync.conf";

    private ConfigConvert() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliArgs a;
        try {
            a = CliArgs.parse(args, Set.of(SWITCH), Set.of("--full", "-h", "--help"));
        } catch (CliArgs.UsageException e) {
            err.println("ctsyncd --convert-config: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (a.flags().contains("-h") || a.flags().contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        if (a.format() != ConfigFormat.CONNTRACKD) {
            err.println("ctsyncd --convert-config: converts a conntrackd.conf given with -C FILE");
            err.println(USAGE);
            return 2;
        }
        LoadedSettings loaded;
        try {
            loaded = SettingsLoader.loadConntrackdConf(a.file(), Map.of());
        } catch (SettingsException e) {
            for (Problem p : e.problems()) {
                err.println(p.format());
            }
            err.println(
                    a.file() + ": invalid, " + ConfigCheck.plural(e.errors().size(), "error") + "; nothing converted");
            return 1;
        }
        Settings s = loaded.settings();
        String hocon =
                a.flags().contains("--full") ? SettingsRenderer.renderFull(s) : SettingsRenderer.renderMinimal(s);
        try {
            Settings back = SettingsLoader.parseHocon(hocon, "converted " + a.file(), Map.of())
                    .settings();
            if (!back.equals(s)) {
                err.println(
                        "ctsyncd --convert-config: internal error: the converted file does not load to the same settings");
                return 1;
            }
        } catch (SettingsException e) {
            err.println(
                    "ctsyncd --convert-config: internal error: the converted file does not load: " + e.getMessage());
            return 1;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# ctsync configuration converted from ").append(a.file()).append(" (conntrackd.conf).\n");
        sb.append("# Keys not written here keep ctsync's defaults; see docs/configuration.md.\n");
        for (Problem w : loaded.warnings()) {
            sb.append("# warning: line ")
                    .append(w.line())
                    .append(": ")
                    .append(w.key())
                    .append(": ")
                    .append(w.expected())
                    .append('\n');
        }
        sb.append(hocon);
        out.print(sb);
        for (Problem w : loaded.warnings()) {
            err.println(w.format());
        }
        return 0;
    }
}
