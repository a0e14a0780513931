package io.ctsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.ctsync.config.conntrackd.ConntrackdConfReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a configuration file, in either format, into validated {@link Settings}: the file is
 * layered over reference.conf, environment overrides are applied on top, every value is checked
 * once and every cross-field rule once. The result is either complete and valid settings or a
 * {@link SettingsException} listing every problem found.
 */
public final class SettingsLoader {
    /** Root key of every ctsync setting. */
    public static final String ROOT = "ctsync";
    /** conntrackd's default configuration file, used by the {@code -C} flag's users. */
    public static final Path DEFAULT_CONNTRACKD_CONF = Path.of("/etc/conntrackd/conntrackd.conf");
    /** Prefix of the environment variables ctsync reads. */
    public static final String ENV_PREFIX = "CTSYNC_";

    private static final ConfigResolveOptions RESOLVE =
            ConfigResolveOptions.defaults().setUseSystemEnvironment(false);

    private SettingsLoader() {}

    /** Loads a native HOCON file, with the process environment's overrides. */
    public static LoadedSettings loadHocon(Path file) throws SettingsException {
        return loadHocon(file, System.getenv());
    }

    /** Loads a native HOCON file, with overrides from {@code env} (variable name to value). */
    public static LoadedSettings loadHocon(Path file, Map<String, String> env) throws SettingsException {
        String source = file.toString();
        readable(file, source);
        Config user;
        try {
            user = ConfigFactory.parseFile(
                    file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
        } catch (ConfigException e) {
            String text = readQuietly(file);
            throw new SettingsException(HoconSyntax.explain(text, source, e));
        }
        return fromHoconConfig(user, source, env);
    }

    /** Loads HOCON text (named {@code source} in messages), with overrides from {@code env}. */
    public static LoadedSettings parseHocon(String text, String source, Map<String, String> env)
            throws SettingsException {
        Config user;
        try {
            user = ConfigFactory.parseString(
                    text,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(source));
        } catch (ConfigException e) {
            throw new SettingsException(HoconSyntax.explain(text, source, e));
        }
        return fromHoconConfig(user, source, env);
    }

    /** Loads a conntrackd.conf, with the process environment's overrides. */
    public static LoadedSettings loadConntrackdConf(Path file) throws SettingsException {
        return loadConntrackdConf(file, System.getenv());
    }

    /** Loads a conntrackd.conf, with overrides from {@code env} (variable name to value). */
    public static LoadedSettings loadConntrackdConf(Path file, Map<String, String> env) throws SettingsException {
        String source = file.toString();
        readable(file, source);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        return parseConntrackdConf(text, source, env);
    }

    /** Loads conntrackd.conf text (named {@code source} in messages). */
    public static LoadedSettings parseConntrackdConf(String text, String source, Map<String, String> env)
            throws SettingsException {
        ConntrackdConfReader.Result r = ConntrackdConfReader.read(text, source);
        Problems problems = new Problems();
        problems.addAll(r.problems());
        if (problems.hasErrors()) {
            throw new SettingsException(sorted(problems.all()));
        }
        return finish(r.config(), source, env, problems, ConfigFormat.CONNTRACKD);
    }

    /** Loads a file in the given format. */
    public static LoadedSettings load(Path file, ConfigFormat format, Map<String, String> env)
            throws SettingsException {
        return format == ConfigFormat.HOCON ? loadHocon(file, env) : loadConntrackdConf(file, env);
    }

    private static LoadedSettings fromHoconConfig(Config user, String source, Map<String, String> env)
            throws SettingsException {
        Problems problems = new Problems();
        ConfigValue top = user.root().get(ROOT);
        if (top != null && top.valueType() != ConfigValueType.OBJECT) {
            problems.error(top.origin(), ROOT, SettingsMapper.describe(top), "a block ctsync { ... }");
            throw new SettingsException(sorted(problems.all()));
        }
        for (Map.Entry<String, ConfigValue> e : user.root().entrySet()) {
            if (!e.getKey().equals(ROOT)) {
                problems.add(Problem.error(
                                Problems.source(e.getValue().origin()),
                                Problems.line(e.getValue().origin()),
                                e.getKey(),
                                "unknown top-level key '" + e.getKey() + "'",
                                "only the block " + ROOT + " { ... }")
                        .withHint(Suggestions.hint(e.getKey(), List.of(ROOT))));
            }
        }
        return finish(user.withOnlyPath(ROOT), source, env, problems, ConfigFormat.HOCON);
    }

    /** Layers, resolves, checks, maps and validates; throws with every problem if any is an error. */
    private static LoadedSettings finish(
            Config user, String source, Map<String, String> env, Problems problems, ConfigFormat format)
            throws SettingsException {
        Config merged;
        try {
            merged = environmentOverlay()
                    .withFallback(user)
                    .withFallback(reference())
                    .withFallback(environmentRoot(env))
                    .resolve(RESOLVE);
        } catch (ConfigException e) {
            problems.add(Problem.error(
                    Problems.source(e.origin()),
                    Problems.line(e.origin()),
                    "",
                    stripOrigin(e.getMessage()),
                    "a value every substitution ${...} can be resolved to"));
            throw new SettingsException(sorted(problems.all()));
        }
        ConfigValue rootValue = merged.root().get(ROOT);
        if (rootValue == null || rootValue.valueType() != ConfigValueType.OBJECT) {
            problems.error(
                    rootValue == null ? null : rootValue.origin(),
                    ROOT,
                    SettingsMapper.describe(rootValue),
                    "a block ctsync { ... }");
            throw new SettingsException(sorted(problems.all()));
        }
        // keys and block shapes are checked on the file's own tree: once merged, a value written
        // where a block belongs would be hidden by the blocks of the other layers
        Config userResolved;
        try {
            userResolved = user.withFallback(environmentRoot(env)).resolve(RESOLVE.setAllowUnresolved(true));
        } catch (ConfigException e) {
            userResolved = user;
        }
        ConfigValue userRoot = userResolved.root().get(ROOT);
        boolean shapeOk = userRoot == null
                || userRoot.valueType() != ConfigValueType.OBJECT
                || new KeyChecker(reference().root().toConfig().getObject(ROOT), problems)
                        .check((ConfigObject) userRoot);
        if (!shapeOk) {
            throw new SettingsException(sorted(problems.all()));
        }
        SettingsMapper mapper = new SettingsMapper(problems, ConfigOriginFactory.newFile(source));
        Settings settings = mapper.map(merged.getConfig(ROOT));
        if (!problems.hasErrors()) {
            settings = new SettingsValidator(problems, mapper.origins(), ConfigOriginFactory.newFile(source))
                    .validate(settings);
        }
        if (problems.hasErrors()) {
            throw new SettingsException(sorted(problems.all()));
        }
        return new LoadedSettings(settings, sorted(problems.warnings()), format, source);
    }

    /**
     * The settings reference.conf alone describes (one channel with every channel default, no
     * peer): the baseline that {@link SettingsRenderer} leaves out of minimal output. Not valid
     * for running a daemon.
     */
    static Settings referenceDefaults() {
        Problems problems = new Problems();
        Settings s = new SettingsMapper(problems, ConfigOriginFactory.newSimple("reference.conf"))
                .map(reference().resolve(RESOLVE).getConfig(ROOT));
        if (problems.hasErrors()) {
            throw new IllegalStateException("reference.conf is invalid: " + problems.all());
        }
        return s;
    }

    private static volatile Config reference;

    /** reference.conf (every reference.conf on the class path, merged), unresolved. */
    static Config reference() {
        Config r = reference;
        if (r == null) {
            r = ConfigFactory.parseResources(
                    SettingsLoader.class.getClassLoader(),
                    "reference.conf",
                    ConfigParseOptions.defaults().setAllowMissing(false));
            reference = r;
        }
        return r;
    }

    /** The overlay that lets CTSYNC_* variables win over the file (resource environment.conf). */
    static Config environmentOverlay() {
        return ConfigFactory.parseResources(
                SettingsLoader.class,
                "environment.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** Every environment variable as a root-level value, each with its name as its origin. */
    static Config environmentRoot(Map<String, String> env) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().equals(ROOT) || e.getValue() == null) {
                continue;
            }
            values.put(
                    e.getKey(),
                    ConfigValueFactory.fromAnyRef(e.getValue())
                            .withOrigin(ConfigOriginFactory.newSimple("environment variable " + e.getKey())));
        }
        return ConfigValueFactory.fromMap(values).toConfig();
    }

    private static void readable(Path file, String source) throws SettingsException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            String found = Files.exists(file)
                    ? (Files.isDirectory(file) ? "a directory" : "an unreadable file")
                    : "no such file";
            throw new SettingsException(List.of(Problem.error(source, 0, "", found, "a readable configuration file")));
        }
    }

    private static SettingsException unreadable(String source, IOException e) {
        return new SettingsException(List.of(Problem.error(
                source, 0, "", "an unreadable file (" + e.getMessage() + ")", "a readable configuration file")));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Drops the "file: 12: " prefix Typesafe Config puts in front of its messages. */
    static String stripOrigin(String message) {
        return message.replaceFirst("^.*?: \\d+: ", "");
    }

    static List<Problem> sorted(List<Problem> problems) {
        List<Problem> l = new ArrayList<>(problems);
        l.sort(Problem.BY_POSITION);
        return l;
    }

    /** For {@link SettingsRenderer} and {@link ControlSocketPath}: the merged, resolved tree. */
    static Config resolvedHocon(Config user, Map<String, String> env) {
        return environmentOverlay()
                .withFallback(user)
                .withFallback(reference())
                .withFallback(environmentRoot(env))
                .resolve(RESOLVE);
    }
}
