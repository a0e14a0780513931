package io.ctsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** Test helpers: load configuration text in either format and inspect the problems. */
public final class Configs {
    private Configs() {}

    /** The smallest valid HOCON body: one UDP channel with a peer. */
    public static final String MINIMAL_HOCON = "ctsync.channels = [ { peer-address = \"10.0.0.2\" } ]\n";

    /** A valid conntrackd.conf skeleton; %s is placed inside Sync { }. */
    public static final String CONNTRACKD_SKELETON = "General {\n" // 1
            + "  UNIX { Path /run/ctd.ctl }\n" // 2
            + "}\n" // 3
            + "Sync {\n" // 4
            + "  Mode FTFW { }\n" // 5
            + "  UDP {\n" // 6
            + "    IPv4_address 10.0.0.1\n" // 7
            + "    IPv4_Destination_Address 10.0.0.2\n" // 8
            + "    Port 3780\n" // 9
            + "    Interface eth0\n" // 10
            + "  }\n" // 11
            + "}\n"; // 12

    public static LoadedSettings hocon(String text) throws SettingsException {
        return SettingsLoader.parseHocon(text, "test.conf", Map.of());
    }

    public static LoadedSettings hocon(String text, Map<String, String> env) throws SettingsException {
        return SettingsLoader.parseHocon(text, "test.conf", env);
    }

    public static LoadedSettings conntrackd(String text) throws SettingsException {
        return SettingsLoader.parseConntrackdConf(text, "conntrackd.conf", Map.of());
    }

    /** The errors loading HOCON text produces (fails if it loads). */
    public static List<Problem> hoconErrors(String text) {
        return assertThrows(SettingsException.class, () -> hocon(text)).errors();
    }

    /** The errors loading conntrackd.conf text produces (fails if it loads). */
    public static List<Problem> conntrackdErrors(String text) {
        return assertThrows(SettingsException.class, () -> conntrackd(text)).errors();
    }

    /** The one problem whose key is {@code key}. */
    public static Problem only(List<Problem> problems, String key) {
        List<Problem> l = problems.stream().filter(p -> p.key().equals(key)).toList();
        assertEquals(1, l.size(), () -> "expected one problem for " + key + " in " + problems);
        return l.get(0);
    }

    /** Asserts that a problem's text names the file, line, key, found and expected parts. */
    public static void assertNames(Problem p, String file, int line, String key, String found, String expected) {
        String text = p.format();
        assertEquals(file, p.source(), text);
        assertEquals(line, p.line(), text);
        assertEquals(key, p.key(), text);
        assertTrue(p.found().contains(found), () -> "found '" + p.found() + "' lacks '" + found + "': " + text);
        assertTrue(
                p.expected().contains(expected),
                () -> "expected '" + p.expected() + "' lacks '" + expected + "': " + text);
        assertTrue(text.startsWith(file + ":" + line + ": " + key + ": found "), text);
        assertTrue(text.contains(", expected "), text);
    }
}
