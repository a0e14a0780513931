package io.ctsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.ctsync.config.conntrackd.ConntrackdConfReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds the control socket path in a configuration file the way a control client needs it:
 * {@code ctsyncctl -C FILE} reads {@code General { UNIX { Path } }} from a conntrackd.conf (failing
 * on syntax errors, as conntrackd's client does, but staying silent about everything else), and
 * {@code ctsyncctl --config FILE} reads {@code ctsync.control.socket-path} from a HOCON file.
 */
public final class ControlSocketPath {
    private ControlSocketPath() {}

    /** The socket path of a conntrackd.conf; throws on syntax errors or when no Path is given. */
    public static Path fromConntrackdConf(Path file) throws SettingsException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String found = Files.exists(file) ? "an unreadable file (" + e.getMessage() + ")" : "no such file";
            throw new SettingsException(List.of(Problem.error(source, 0, "", found, "a readable conntrackd.conf")));
        }
        ConntrackdConfReader.Result r = ConntrackdConfReader.read(text, source);
        if (!r.syntaxErrors().isEmpty()) {
            throw new SettingsException(r.syntaxErrors());
        }
        if (r.controlSocketPath().isEmpty()) {
            throw new SettingsException(List.of(Problem.error(
                    source, 0, "General.UNIX.Path", "no control socket path", "General { UNIX { Path /path } }")));
        }
        return Path.of(r.controlSocketPath().get());
    }

    /** The socket path of a ctsync HOCON file (or the default), with environment overrides. */
    public static Path fromHocon(Path file, Map<String, String> env) throws SettingsException {
        String source = file.toString();
        try {
            Config user = ConfigFactory.parseFile(
                    file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
            Config merged = SettingsLoader.resolvedHocon(user, env);
            return Path.of(merged.getString(SettingsLoader.ROOT + ".control.socket-path"));
        } catch (ConfigException e) {
            int line = e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber());
            throw new SettingsException(List.of(Problem.error(
                    source,
                    line,
                    "ctsync.control.socket-path",
                    SettingsLoader.stripOrigin(e.getMessage()),
                    "a readable HOCON file with a string ctsync.control.socket-path")));
        }
    }

    /** The socket path when no file is given: reference.conf's default, with environment overrides. */
    public static Path defaultPath(Map<String, String> env) {
        return Path.of(SettingsLoader.resolvedHocon(ConfigFactory.empty(), env)
                .getString(SettingsLoader.ROOT + ".control.socket-path"));
    }
}
