package io.ctsync.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects the problems of one load, turning a HOCON value's origin into file and line and
 * naming keys the way the user wrote them (ctsync path, or conntrackd option for values that came
 * from a conntrackd.conf).
 */
final class Problems {
    /** Origin comment that carries the conntrackd option a value was read from. */
    static final String CONNTRACKD_KEY_PREFIX = io.ctsync.config.conntrackd.ConntrackdConfReader.KEY_COMMENT_PREFIX;

    private static final Pattern TRAILING_LINE = Pattern.compile(":\\s*\\d+$");

    private final List<Problem> list = new ArrayList<>();

    void add(Problem p) {
        list.add(p);
    }

    void addAll(List<Problem> ps) {
        list.addAll(ps);
    }

    /** An error located at {@code origin}; {@code key} is the ctsync path without the root. */
    Problem error(ConfigOrigin origin, String key, String found, String expected) {
        Problem p = Problem.error(source(origin), line(origin), keyName(origin, key), found, expected);
        list.add(p);
        return p;
    }

    /** Like {@link #error} with a "did you mean" style hint. */
    void error(ConfigOrigin origin, String key, String found, String expected, String hint) {
        list.add(Problem.error(source(origin), line(origin), keyName(origin, key), found, expected)
                .withHint(hint));
    }

    void warning(ConfigOrigin origin, String key, String message) {
        list.add(Problem.warning(source(origin), line(origin), keyName(origin, key), message));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    List<Problem> all() {
        return List.copyOf(list);
    }

    List<Problem> warnings() {
        return list.stream().filter(p -> !p.isError()).toList();
    }

    /** {@code ctsync.<key>}, or the conntrackd option recorded in the origin's comments. */
    static String keyName(ConfigOrigin origin, String key) {
        if (origin != null) {
            for (String c : origin.comments()) {
                if (c.startsWith(CONNTRACKD_KEY_PREFIX)) {
                    return c.substring(CONNTRACKD_KEY_PREFIX.length());
                }
            }
        }
        if (key == null || key.isEmpty()) {
            return SettingsLoader.ROOT;
        }
        return key.startsWith(SettingsLoader.ROOT + ".") || key.equals(SettingsLoader.ROOT)
                ? key
                : SettingsLoader.ROOT + "." + key;
    }

    /** The file, resource or description an origin points to. */
    static String source(ConfigOrigin origin) {
        if (origin == null) {
            return "(unknown)";
        }
        if (origin.filename() != null) {
            return origin.filename();
        }
        if (origin.resource() != null) {
            return origin.resource();
        }
        String d = origin.description();
        return TRAILING_LINE.matcher(d).replaceFirst("");
    }

    static int line(ConfigOrigin origin) {
        return origin == null ? 0 : Math.max(0, origin.lineNumber());
    }
}
