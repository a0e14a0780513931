package io.ctsync.daemon;

import io.ctsync.config.LoadedSettings;
import io.ctsync.config.Problem;
import io.ctsync.config.SettingsException;
import io.ctsync.config.SettingsLoader;
import io.ctsync.config.cli.ConfigCheck;
import io.ctsync.config.cli.ConfigConvert;
import io.ctsync.daemon.demo.KernelDemo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Entry point of {@code ctsyncd}: picks the mode from the command line and runs it. */
public final class CtsyncdMain {
    static final String VERSION = "0.1.0";

    static final String USAGE =
            """
            Usage: ctsyncd (-C conntrackd.conf | --config ctsync.conf)   run the daemon
                   ctsyncd --check-config (-C FILE | --config FILE)      validate, print effective settings
                   ctsyncd --convert-config -C conntrackd.conf           print the HOCON equivalent
                   ctsyncd demo                                          kernel-layer demo in a throwaway namespace
                   ctsyncd --version | --help
            """;

    private CtsyncdMain() {}

    public static void main(String[] args) {
        int rc = run(args, System.out, System.err);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.isEmpty() || a.contains("--help") || a.contains("-h")) {
            (a.isEmpty() ? err : out).print(USAGE);
            return a.isEmpty() ? 2 : 0;
        }
        if (a.contains("--version") || a.contains("-v")) {
            out.println("ctsyncd " + VERSION);
            return 0;
        }
        if (a.contains(ConfigCheck.SWITCH)) {
            return ConfigCheck.run(args, out, err);
        }
        if (a.contains(ConfigConvert.SWITCH)) {
            return ConfigConvert.run(args, out, err);
        }
        if (a.get(0).equals("demo")) {
            return KernelDemo.run(a.subList(1, a.size()), out, err);
        }
        return runDaemon(a, err);
    }

    private static int runDaemon(List<String> a, PrintStream err) {
        LoadedSettings loaded;
        try {
            if (a.size() == 2 && a.get(0).equals("-C")) {
                loaded = SettingsLoader.loadConntrackdConf(Path.of(a.get(1)));
            } else if (a.size() == 2 && a.get(0).equals("--config")) {
                loaded = SettingsLoader.loadHocon(Path.of(a.get(1)));
            } else {
                err.println("ctsyncd: unknown arguments " + a);
                err.print(USAGE);
                return 2;
            }
        } catch (SettingsException e) {
            for (Problem p : e.problems()) {
                err.println(p.format());
            }
            return 1;
        }
        loaded.warnings().forEach(w -> err.println(w.format()));
        err.println("ctsyncd: the configuration is valid, but this build has no replication engine yet;"
                + " it can run 'ctsyncd demo' and '--check-config' only");
        return 3;
    }
}
