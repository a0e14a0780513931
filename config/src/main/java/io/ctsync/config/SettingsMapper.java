package io.ctsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Maps the merged, resolved {@code ctsync} HOCON object onto {@link Settings}, checking the type
 * and range of every value; every problem is collected, never thrown. Cross-field rules live in
 * {@link SettingsValidator}.
 */
final class SettingsMapper {
    static final int MAX_CHANNELS = 4;
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern HELPER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}\\$?|[0-9]{1,10}");
    /** Longest Unix socket path: sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Problems problems;
    /** Origin of every value and block read, keyed by path below the root (e.g. "channels[0].port"). */
    private final Map<String, ConfigOrigin> origins = new HashMap<>();

    private final ConfigOrigin fileOrigin;

    /** @param fileOrigin where to point when a required value is missing altogether */
    SettingsMapper(Problems problems, ConfigOrigin fileOrigin) {
        this.problems = problems;
        this.fileOrigin = fileOrigin;
    }

    Map<String, ConfigOrigin> origins() {
        return origins;
    }

    Settings map(Config root) {
        Reader r = new Reader(root.root(), "");
        NodeSettings node = new NodeSettings(
                r.string(
                        "node.name",
                        s -> s.isEmpty() || NAME.matcher(s).matches(),
                        "a name of letters, digits, '.', '_', '-' (at most 32)",
                        ""),
                r.enumValue("node.role", Role.class, Role.AUTO),
                r.optionalPath("node.lock-file"),
                r.bool("node.systemd-notify"));

        SyncSettings sync = new SyncSettings(
                r.enumValue("sync.mode", SyncMode.class, SyncMode.FTFW),
                r.duration("sync.alive-interval", Duration.ofMillis(100), Duration.ofMinutes(1)),
                r.bool("sync.startup-resync"),
                r.duration("sync.purge-timeout", Duration.ZERO, Duration.ofDays(1)),
                r.duration("sync.link-timeout", Duration.ofMillis(200), Duration.ofHours(1)),
                r.duration("sync.stall-threshold", Duration.ofMillis(100), Duration.ofDays(1)),
                new FtfwSettings(
                        (int) r.integer("sync.ftfw.ack-window", 1, 1_000_000),
                        (int) r.integer("sync.ftfw.resend-queue-size", 1, 16_777_216),
                        r.bytes("sync.ftfw.resend-queue-bytes", 0, 16 * GIB)),
                new AlarmSettings(
                        r.duration("sync.alarm.refresh-time", Duration.ofSeconds(1), Duration.ofDays(1)),
                        r.duration("sync.alarm.cache-timeout", Duration.ofSeconds(2), Duration.ofDays(7))),
                new PeerCompatSettings(
                        r.enumValue("sync.peer.nat-port-byte-order", Endianness.class, Endianness.LITTLE_ENDIAN),
                        r.bool("sync.peer.legacy-nat-address-order"),
                        r.bool("sync.peer.send-zone"),
                        r.bool("sync.peer.send-synproxy")));

        List<ChannelSettings> channels = channels(root.root());

        CacheSettings cache = new CacheSettings(r.bool("cache.external"), r.bool("cache.internal"));

        NetlinkSettings netlink = new NetlinkSettings(
                r.bytes("netlink.event-buffer-size", 64 * KIB, 2 * GIB),
                r.bytes("netlink.event-buffer-max-size", 64 * KIB, 2 * GIB),
                r.bool("netlink.reliable-events"),
                r.bool("netlink.overrun-resync"),
                r.duration("netlink.overrun-resync-delay", Duration.ZERO, Duration.ofHours(1)),
                r.bytes("netlink.dump-buffer-size", 64 * KIB, 2 * GIB),
                r.optionalDuration("netlink.poll-interval", Duration.ofSeconds(1), Duration.ofDays(1)));

        FilterSettings filter = new FilterSettings(
                r.enumValue("filter.location", FilterLocation.class, FilterLocation.USERSPACE),
                r.selection("filter.protocols", this::protocol),
                r.selection("filter.addresses", this::network),
                r.bool("filter.ignore-loopback"),
                r.bool("filter.ignore-sync-addresses"),
                r.selection("filter.tcp-states", this::tcpState),
                r.selection("filter.marks", this::mark),
                r.selection("filter.zones", e -> smallInt(e, 0, 65535, "a conntrack zone number 0..65535")),
                r.selection("filter.labels", e -> smallInt(e, 0, 127, "a label bit number 0..127")),
                r.duration("filter.min-age", Duration.ZERO, Duration.ofDays(1)));

        ExpectationSettings expectations =
                new ExpectationSettings(r.bool("expectations.enabled"), r.list("expectations.helpers", this::helper));

        CommitSettings commit = new CommitSettings(
                (int) r.integer("commit.batch-size", 1, 4096),
                r.optionalDuration("commit.timeout", Duration.ofSeconds(1), Duration.ofDays(365)),
                r.duration("commit.fallback-timeout", Duration.ofSeconds(1), Duration.ofDays(365)),
                r.bool("commit.tcp-window-tracking"));

        ControlSettings control = new ControlSettings(
                r.socketPath("control.socket-path"),
                r.fileMode("control.socket-mode"),
                r.optionalString("control.group", s -> GROUP.matcher(s).matches(), "a group name or number"),
                (int) r.integer("control.max-clients", 1, 10_000),
                r.duration("control.request-timeout", Duration.ofMillis(100), Duration.ofMinutes(10)));

        MetricsSettings metrics = new MetricsSettings(
                r.bool("metrics.enabled"),
                r.address("metrics.address"),
                (int) r.integer("metrics.port", 1, 65535),
                r.string(
                        "metrics.path",
                        s -> s.startsWith("/") && !s.contains(" "),
                        "an HTTP path starting with '/'",
                        "/metrics"),
                r.bool("metrics.jvm"));

        LoggingSettings logging = new LoggingSettings(
                r.enumValue("logging.level", LogLevel.class, LogLevel.INFO),
                r.enumValue("logging.syslog-prefix", SyslogPrefix.class, SyslogPrefix.AUTO));

        return new Settings(
                node, sync, channels, cache, netlink, filter, expectations, commit, control, metrics, logging);
    }

    private List<ChannelSettings> channels(ConfigObject root) {
        List<ChannelSettings> out = new ArrayList<>();
        ConfigValue v = root.get("channels");
        ConfigObject defaults = (ConfigObject) root.get("channel-defaults");
        if (v == null || v.valueType() != ConfigValueType.LIST) {
            problems.error(
                    v == null ? root.origin() : v.origin(),
                    "channels",
                    describe(v),
                    "a list of channel blocks [ { ... } ]");
            return out;
        }
        origins.put("channels", v.origin());
        ConfigList list = (ConfigList) v;
        if (list.isEmpty() || list.size() > MAX_CHANNELS) {
            problems.error(
                    v.origin(),
                    "channels",
                    "a list of " + list.size() + " channels",
                    "1.." + MAX_CHANNELS + " channels");
        }
        for (int i = 0; i < list.size(); i++) {
            ConfigValue el = list.get(i);
            if (el.valueType() != ConfigValueType.OBJECT) {
                continue; // reported by KeyChecker
            }
            String prefix = "channels[" + i + "]";
            origins.put(prefix, el.origin());
            ConfigObject merged = ((ConfigObject) el).withFallback(defaults);
            Reader r = new Reader(merged, prefix + ".");
            ChannelType type = r.enumValue("type", ChannelType.class, ChannelType.UDP);
            String name = r.string(
                    "name",
                    s -> s.isEmpty() || NAME.matcher(s).matches(),
                    "a name of letters, digits, '.', '_', '-' (at most 32)",
                    "");
            int mtu = (int) r.integer("mtu", 0, 65535);
            if (mtu != 0 && mtu < 576) {
                problems.error(
                        origin(prefix + ".mtu"),
                        prefix + ".mtu",
                        "number " + mtu,
                        "0 (the interface's MTU) or 576..65535");
            }
            out.add(new ChannelSettings(
                    name.isEmpty() ? ChannelSettings.autoName(type, i) : name,
                    type,
                    r.bool("default"),
                    r.optionalString(
                            "interface",
                            SettingsMapper::isInterfaceName,
                            "a network interface name (1..15 characters, no '/' or spaces)"),
                    r.optionalAddress("local-address"),
                    r.optionalAddress("peer-address"),
                    (int) r.integer("port", 1, 65535),
                    r.optionalAddress("multicast-group"),
                    r.optionalAddress("multicast-interface-address"),
                    r.bytes("send-buffer", 0, GIB),
                    r.bytes("receive-buffer", 0, GIB),
                    r.bool("checksum"),
                    mtu));
        }
        return out;
    }

    static boolean isInterfaceName(String s) {
        return !s.isEmpty()
                && s.length() <= 15
                && !s.equals(".")
                && !s.equals("..")
                && s.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c) || c < 0x21 || c > 0x7e);
    }

    ConfigOrigin origin(String key) {
        return origins.get(key);
    }

    // ---- element parsers for lists: return null after reporting a problem ----

    private Integer protocol(Element e) {
        String t = e.text();
        if (t == null) {
            return e.fail("a protocol name (tcp, udp, sctp, dccp, icmp, ipv6-icmp, gre, ...) or number 0..255");
        }
        Optional<Integer> p = IpProtocols.parse(t);
        if (p.isEmpty()) {
            return e.fail(
                    "a protocol name (tcp, udp, sctp, dccp, icmp, ipv6-icmp, gre, ...) or number 0..255",
                    Suggestions.hint(t, IpProtocols.names()));
        }
        return p.get();
    }

    private Cidr network(Element e) {
        String t = e.text();
        Optional<Cidr> c = t == null ? Optional.empty() : Cidr.parse(t);
        if (c.isEmpty()) {
            return e.fail("an IPv4 or IPv6 address or network (192.0.2.0/24, 2001:db8::/32)");
        }
        if (Cidr.hasHostBits(t)) {
            problems.warning(
                    e.value.origin(),
                    e.path,
                    "'" + t + "' has host bits set beyond its prefix; using network " + c.get());
        }
        return c.get();
    }

    private TcpState tcpState(Element e) {
        String t = e.text();
        Optional<TcpState> s = t == null ? Optional.empty() : TcpState.byName(t);
        if (s.isEmpty()) {
            List<String> names =
                    Arrays.stream(TcpState.values()).map(Enum::name).toList();
            return e.fail(
                    "a TCP state (" + String.join(", ", names) + ")", t == null ? "" : Suggestions.hint(t, names));
        }
        return s.get();
    }

    private MarkMatch mark(Element e) {
        String t = e.text();
        Optional<MarkMatch> m = t == null ? Optional.empty() : MarkMatch.parse(t);
        return m.isPresent()
                ? m.get()
                : e.fail("a mark \"value/mask\" or \"value\", 32-bit, decimal or 0x-hex (\"0x10/0xff\")");
    }

    private Integer smallInt(Element e, int min, int max, String expected) {
        String t = e.text();
        if (t == null || t.isEmpty() || t.length() > 6 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return e.fail(expected);
        }
        int n = Integer.parseInt(t);
        return n >= min && n <= max ? Integer.valueOf(n) : e.fail(expected);
    }

    private String helper(Element e) {
        String t = e.text();
        return t != null && HELPER.matcher(t).matches() ? t : e.fail("a conntrack helper name such as ftp, sip, tftp");
    }

    /** One element of a list, with its path for messages. */
    private final class Element {
        final ConfigValue value;
        final String path;

        Element(ConfigValue value, String path) {
            this.value = value;
            this.path = path;
        }

        /** The element as text if it is a string or a number, else null. */
        String text() {
            if (value.valueType() == ConfigValueType.STRING) {
                return ((String) value.unwrapped()).trim();
            }
            if (value.valueType() == ConfigValueType.NUMBER) {
                return value.unwrapped().toString();
            }
            return null;
        }

        <T> T fail(String expected) {
            return fail(expected, "");
        }

        <T> T fail(String expected, String hint) {
            problems.error(value.origin(), path, describe(value), expected, hint);
            return null;
        }
    }

    /** Typed, problem-collecting access to the values of one HOCON object. */
    private final class Reader {
        private final ConfigObject obj;
        private final String prefix;

        Reader(ConfigObject obj, String prefix) {
            this.obj = obj;
            this.prefix = prefix;
        }

        /** The value at a dotted path, including explicit nulls; null if absent. */
        private ConfigValue raw(String path) {
            ConfigValue cur = obj;
            for (String seg : path.split("\\.")) {
                if (!(cur instanceof ConfigObject)) {
                    return null;
                }
                cur = ((ConfigObject) cur).get(seg);
                if (cur == null) {
                    return null;
                }
            }
            origins.put(prefix + path, cur.origin());
            return cur;
        }

        private ConfigValue required(String path, String expected) {
            ConfigValue v = raw(path);
            if (v == null || v.valueType() == ConfigValueType.NULL) {
                problems.error(
                        v == null ? fileOrigin : v.origin(), prefix + path, v == null ? "nothing" : "null", expected);
                return null;
            }
            return v;
        }

        long integer(String path, long min, long max) {
            String expected = "an integer " + min + ".." + max;
            ConfigValue v = required(path, expected);
            if (v == null) {
                return min;
            }
            Long n = null;
            if (v.valueType() == ConfigValueType.NUMBER) {
                Number num = (Number) v.unwrapped();
                if (num instanceof Integer || num instanceof Long) {
                    n = num.longValue();
                }
            } else if (v.valueType() == ConfigValueType.STRING) {
                String s = ((String) v.unwrapped()).trim();
                if (s.matches("-?[0-9]{1,18}")) {
                    n = Long.parseLong(s);
                }
            }
            if (n == null || n < min || n > max) {
                problems.error(v.origin(), prefix + path, describe(v), expected);
                return min;
            }
            return n;
        }

        long bytes(String path, long min, long max) {
            String expected =
                    "a size " + formatSize(min) + ".." + formatSize(max) + " (bytes, or with a unit: KiB, MiB, GiB)";
            ConfigValue v = required(path, expected);
            if (v == null) {
                return min;
            }
            Long n = null;
            if (v.valueType() == ConfigValueType.NUMBER) {
                Number num = (Number) v.unwrapped();
                if (num instanceof Integer || num instanceof Long) {
                    n = num.longValue();
                }
            } else if (v.valueType() == ConfigValueType.STRING) {
                try {
                    n = v.atKey("v").getBytes("v");
                } catch (ConfigException e) {
                    n = null;
                }
            }
            if (n == null || n < min || n > max) {
                problems.error(v.origin(), prefix + path, describe(v), expected);
                return min;
            }
            return n;
        }

        Duration duration(String path, Duration min, Duration max) {
            String expected =
                    "a duration " + formatDuration(min) + ".." + formatDuration(max) + " with a unit (ms, s, m, h, d)";
            ConfigValue v = required(path, expected);
            return v == null ? min : durationOf(v, path, min, max, expected);
        }

        Optional<Duration> optionalDuration(String path, Duration min, Duration max) {
            ConfigValue v = raw(path);
            if (v == null || v.valueType() == ConfigValueType.NULL) {
                return Optional.empty();
            }
            String expected = "null or a duration " + formatDuration(min) + ".." + formatDuration(max)
                    + " with a unit (ms, s, m, h, d)";
            return Optional.of(durationOf(v, path, min, max, expected));
        }

        private Duration durationOf(ConfigValue v, String path, Duration min, Duration max, String expected) {
            Duration d = null;
            boolean bare = v.valueType() == ConfigValueType.NUMBER
                    || (v.valueType() == ConfigValueType.STRING
                            && ((String) v.unwrapped()).trim().matches("[0-9.]+"));
            if (v.valueType() == ConfigValueType.STRING && !bare) {
                try {
                    d = v.atKey("v").getDuration("v");
                } catch (ConfigException e) {
                    d = null;
                }
            }
            if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                String hint = bare ? "a bare number has no unit; write e.g. " + scalarText(v) + "s" : "";
                problems.error(v.origin(), prefix + path, describe(v), expected, hint);
                return min;
            }
            return d;
        }

        boolean bool(String path) {
            String expected = "a boolean (true/false, on/off, yes/no)";
            ConfigValue v = required(path, expected);
            if (v == null) {
                return false;
            }
            if (v.valueType() == ConfigValueType.BOOLEAN) {
                return (Boolean) v.unwrapped();
            }
            if (v.valueType() == ConfigValueType.STRING) {
                switch (((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
                    case "true", "on", "yes" -> {
                        return true;
                    }
                    case "false", "off", "no" -> {
                        return false;
                    }
                    default -> {}
                }
            }
            problems.error(v.origin(), prefix + path, describe(v), expected);
            return false;
        }

        String string(String path, java.util.function.Predicate<String> valid, String expected, String fallback) {
            ConfigValue v = required(path, expected);
            if (v == null) {
                return fallback;
            }
            String s = scalarText(v);
            if (s == null || !valid.test(s)) {
                problems.error(v.origin(), prefix + path, describe(v), expected);
                return fallback;
            }
            return s;
        }

        Optional<String> optionalString(String path, java.util.function.Predicate<String> valid, String expected) {
            ConfigValue v = raw(path);
            if (v == null || v.valueType() == ConfigValueType.NULL) {
                return Optional.empty();
            }
            String s = scalarText(v);
            if (s != null && s.isEmpty()) {
                return Optional.empty();
            }
            if (s == null || !valid.test(s)) {
                problems.error(v.origin(), prefix + path, describe(v), "null or " + expected);
                return Optional.empty();
            }
            return Optional.of(s);
        }

        Optional<Path> optionalPath(String path) {
            return optionalString(path, s -> s.startsWith("/") && !s.contains("\0"), "an absolute file path")
                    .map(Path::of);
        }

        Path socketPath(String path) {
            String expected = "an absolute path of at most " + MAX_SOCKET_PATH_BYTES + " bytes";
            String s = string(
                    path,
                    p -> p.startsWith("/")
                            && !p.endsWith("/")
                            && p.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES,
                    expected,
                    "/run/ctsync/ctsyncd.sock");
            return Path.of(s);
        }

        int fileMode(String path) {
            String expected = "an octal file mode such as \"0600\" or \"0660\"";
            ConfigValue v = required(path, expected);
            if (v == null) {
                return 0600;
            }
            String s = scalarText(v);
            if (s == null || !s.matches("0?[0-7]{3}")) {
                problems.error(v.origin(), prefix + path, describe(v), expected);
                return 0600;
            }
            return Integer.parseInt(s, 8);
        }

        <E extends Enum<E>> E enumValue(String path, Class<E> type, E fallback) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(SettingsMapper::configName)
                    .toList();
            String expected = "one of " + String.join(", ", names);
            ConfigValue v = required(path, expected);
            if (v == null) {
                return fallback;
            }
            String s = v.valueType() == ConfigValueType.STRING ? ((String) v.unwrapped()).trim() : null;
            if (s != null) {
                for (E e : type.getEnumConstants()) {
                    if (configName(e).equalsIgnoreCase(s.replace('_', '-'))) {
                        return e;
                    }
                }
            }
            problems.error(
                    v.origin(), prefix + path, describe(v), expected, s == null ? "" : Suggestions.hint(s, names));
            return fallback;
        }

        Optional<InetAddress> optionalAddress(String path) {
            ConfigValue v = raw(path);
            if (v == null || v.valueType() == ConfigValueType.NULL) {
                return Optional.empty();
            }
            String s = scalarText(v);
            if (s != null && s.isEmpty()) {
                return Optional.empty();
            }
            Optional<InetAddress> a = s == null ? Optional.empty() : Addresses.parse(s);
            if (a.isEmpty()) {
                String hint = s != null && s.contains("%") ? "give the scope in 'interface', not after '%'" : "";
                problems.error(
                        v.origin(),
                        prefix + path,
                        describe(v),
                        "null or an IPv4/IPv6 address literal (no host names)",
                        hint);
            }
            return a;
        }

        InetAddress address(String path) {
            String expected = "an IPv4/IPv6 address literal (no host names)";
            ConfigValue v = required(path, expected);
            String s = v == null ? null : scalarText(v);
            Optional<InetAddress> a = s == null ? Optional.empty() : Addresses.parse(s);
            if (a.isEmpty()) {
                if (v != null) {
                    problems.error(v.origin(), prefix + path, describe(v), expected);
                }
                return Addresses.parse("127.0.0.1").orElseThrow();
            }
            return a.get();
        }

        <T> List<T> list(String path, Function<Element, T> element) {
            ConfigValue v = required(path, "a list [ ... ]");
            if (v == null) {
                return List.of();
            }
            if (v.valueType() != ConfigValueType.LIST) {
                problems.error(v.origin(), prefix + path, describe(v), "a list [ ... ]");
                return List.of();
            }
            ConfigList l = (ConfigList) v;
            Set<T> out = new LinkedHashSet<>();
            for (int i = 0; i < l.size(); i++) {
                T t = element.apply(new Element(l.get(i), prefix + path + "[" + i + "]"));
                if (t != null) {
                    out.add(t);
                }
            }
            return List.copyOf(out);
        }

        <T> Selection<T> selection(String path, Function<Element, T> element) {
            return new Selection<>(list(path + ".accept", element), list(path + ".ignore", element));
        }
    }

    /** The text of a string or number value, else null. */
    private static String scalarText(ConfigValue v) {
        if (v.valueType() == ConfigValueType.STRING) {
            return ((String) v.unwrapped()).trim();
        }
        if (v.valueType() == ConfigValueType.NUMBER) {
            return v.unwrapped().toString();
        }
        return null;
    }

    /** The HOCON spelling of an enum constant: lower case, '-' for '_'. */
    static String configName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How a value is shown after "found": its type and its text. */
    static String describe(ConfigValue v) {
        if (v == null) {
            return "nothing";
        }
        switch (v.valueType()) {
            case NULL:
                return "null";
            case STRING:
                return "string \"" + v.unwrapped() + "\"";
            case NUMBER:
                return "number " + v.unwrapped();
            case BOOLEAN:
                return "boolean " + v.unwrapped();
            case LIST:
                String r = v.render(com.typesafe.config.ConfigRenderOptions.concise());
                return "list " + (r.length() > 40 ? r.substring(0, 37) + "..." : r);
            case OBJECT:
                return "a block { ... }";
            default:
                return v.valueType().name().toLowerCase(Locale.ROOT);
        }
    }

    static String formatSize(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "GiB";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "MiB";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "KiB";
        }
        return Long.toString(bytes);
    }

    static String formatDuration(Duration d) {
        if (d.toNanos() % 1_000_000 != 0) {
            return d.toNanos() + "ns";
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s + "s";
    }
}
