package io.ctsync.config.conntrackd;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.ctsync.config.Addresses;
import io.ctsync.config.Cidr;
import io.ctsync.config.IpProtocols;
import io.ctsync.config.Problem;
import io.ctsync.config.Suggestions;
import io.ctsync.config.TcpState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads conntrackd's configuration grammar (conntrackd.conf(5): {@code General}, {@code Sync},
 * {@code Mode}, link blocks, {@code Filter}, {@code Options}, {@code UNIX}, {@code Scheduler},
 * {@code Stats}, {@code Helper}) and maps it onto ctsync's HOCON tree, each value carrying the
 * file, line and conntrackd option it came from; values are then checked like any HOCON value.
 *
 * <p>Options without meaning for ctsync are accepted with a warning naming them; options that
 * conntrackd itself would reject are errors. Deliberate differences from conntrackd: keywords are
 * matched case-insensitively (with a warning, since conntrackd is case-sensitive), words may be
 * quoted, a missing {@code Port}/{@code Group} or {@code UNIX Path} is an error instead of a
 * silent 0 / empty path, invalid addresses and protocol names are errors instead of warnings,
 * {@code DisableExternalCache} is also accepted in {@code Mode ALARM}, and address filters have one
 * meaning in user space and kernel space.
 */
public final class ConntrackdConfReader {
    /** Origin comment prefix that carries the conntrackd option a value came from. */
    public static final String KEY_COMMENT_PREFIX = "conntrackd-key:";

    /** conntrackd's limit on link blocks ({@code MULTICHANNEL_MAX}). */
    private static final int MAX_LINKS = 4;

    /** The key of problems outside any section. */
    private static final String TOP = "(top level)";

    /**
     * What was read.
     *
     * @param config the ctsync HOCON tree ({@code ctsync { ... }}) with conntrackd origins
     * @param problems all errors and warnings
     * @param syntaxErrors the errors conntrackd's parser itself would raise (a subset of problems)
     * @param controlSocketPath the {@code General { UNIX { Path } }} value, if given
     */
    public record Result(
            Config config, List<Problem> problems, List<Problem> syntaxErrors, Optional<String> controlSocketPath) {
        public Result {
            problems = List.copyOf(problems);
            syntaxErrors = List.copyOf(syntaxErrors);
        }
    }

    private final String source;
    private final List<Token> tokens;
    private int pos;
    private boolean eofReported;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> syntax = new ArrayList<>();

    // the tree being built
    private final Map<String, Leaf> leaves = new LinkedHashMap<>();
    private final Map<String, List<ConfigValue>> lists = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private String unixPath;
    private int syncLine;
    private int modeLine;
    private int generalLine;
    private final Map<String, Integer> filterPolicies = new LinkedHashMap<>();

    private record Leaf(Object value, int line, String key) {}

    private static final class Link {
        final String type;
        final boolean isDefault;
        final int line;
        final String key;
        final Map<String, Leaf> leaves = new LinkedHashMap<>();
        boolean portGiven;

        Link(String type, boolean isDefault, int line, String key) {
            this.type = type;
            this.isDefault = isDefault;
            this.line = line;
            this.key = key;
        }
    }

    private ConntrackdConfReader(String text, String source) {
        this.source = source;
        this.tokens = ConntrackdLexer.tokenize(text);
    }

    /** Reads conntrackd.conf {@code text}; {@code source} names the file in messages. */
    public static Result read(String text, String source) {
        ConntrackdConfReader r = new ConntrackdConfReader(text, source);
        r.file();
        return new Result(r.toConfig(), r.problems, r.syntax, Optional.ofNullable(r.unixPath));
    }

    // ------------------------------------------------------------------ sections

    private void file() {
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case EOF -> {
                    finish();
                    return;
                }
                case CLOSE -> syntaxError(t, TOP, t.describe() + " with no section open", "a section: General, Sync");
                case OPEN -> {
                    syntaxError(t, TOP, t.describe(), "a section name (General, Sync) before '{'");
                    skipBody(t);
                }
                case ERROR -> syntaxError(t, TOP, t.describe(), "a section: General, Sync");
                case WORD -> {
                    String kw = keyword(t, "", List.of("General", "Sync", "Stats", "Helper"));
                    if (kw == null) {
                        syntaxError(
                                t,
                                TOP,
                                "unknown section " + t.describe(),
                                "a section: General, Sync",
                                Suggestions.hint(t.text(), List.of("General", "Sync")));
                        skipUnknown(t, List.of("General", "Sync", "Stats", "Helper"));
                        continue;
                    }
                    switch (kw) {
                        case "General" -> {
                            generalLine = generalLine == 0 ? t.line() : generalLine;
                            general(open(t, "General"));
                        }
                        case "Sync" -> {
                            syncLine = syncLine == 0 ? t.line() : syncLine;
                            sync(open(t, "Sync"));
                        }
                        case "Stats" -> {
                            error(
                                    t.line(),
                                    "Stats",
                                    "a Stats section",
                                    "a Sync section: ctsync replicates state and has no statistics-logging mode");
                            Token o = open(t, "Stats");
                            if (o != null) {
                                skipBody(o);
                            }
                        }
                        default -> {
                            warning(
                                    t.line(),
                                    "Helper",
                                    "user-space conntrack helpers are not part of state sync; ctsync ignores this section");
                            Token o = open(t, "Helper");
                            if (o != null) {
                                skipBody(o);
                            }
                        }
                    }
                }
            }
        }
    }

    private void finish() {
        Leaf size = leaves.get("netlink.event-buffer-size");
        Leaf max = leaves.get("netlink.event-buffer-max-size");
        if (size != null && max != null && (Long) size.value() > (Long) max.value()) {
            // conntrackd silently ignores NetlinkBufferSize then; ctsync honours it
            warning(
                    size.line(),
                    size.key(),
                    "exceeds " + max.key() + " (line " + max.line()
                            + "); conntrackd would ignore it, ctsync uses it and lets the buffer grow no further");
            leaves.put("netlink.event-buffer-max-size", new Leaf(size.value(), max.line(), max.key()));
        } else if (size == null && max != null) {
            // conntrackd starts from the system default and grows up to the limit; ctsync starts at the limit
            leaves.put("netlink.event-buffer-size", new Leaf(max.value(), max.line(), max.key()));
        }
        if (syncLine == 0) {
            error(
                    0,
                    "Sync",
                    "no Sync section",
                    "a Sync { ... } section with a Mode and a link (UDP, Multicast or TCP)");
        } else {
            if (modeLine == 0) {
                warning(syncLine, "Sync", "no Mode block; using FTFW, as conntrackd does");
            }
            if (links.isEmpty()) {
                error(syncLine, "Sync", "no link block", "a UDP, Multicast or TCP block in Sync");
            }
        }
        if (unixPath == null) {
            error(
                    generalLine,
                    generalLine == 0 ? "General" : "General.UNIX.Path",
                    "no control socket path",
                    "General { UNIX { Path /path } } (conntrackd has no default path; ctsync requires one)");
        }
    }

    private void general(Token open) {
        if (open == null) {
            return;
        }
        String ctx = "General";
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        h.put("HashSize", t -> noMeaning(t, ctx, numberValue(ctx + ".HashSize"), "ctsync's caches grow on demand"));
        h.put(
                "HashLimit",
                t -> noMeaning(
                        t,
                        ctx,
                        numberValue(ctx + ".HashLimit"),
                        "ctsync's caches grow on demand and never drop entries at a limit"));
        h.put(
                "LogFile",
                t -> noMeaning(
                        t,
                        ctx,
                        logFile(ctx + ".LogFile"),
                        "ctsyncd logs to stderr (journald); redirect it to a file if needed"));
        h.put(
                "Syslog",
                t -> noMeaning(
                        t, ctx, syslog(ctx + ".Syslog"), "ctsyncd logs to stderr, which journald forwards to syslog"));
        h.put("LockFile", t -> {
            Token v = path(ctx + ".LockFile");
            if (v != null) {
                set("node.lock-file", v.text(), t.line(), ctx + ".LockFile");
            }
        });
        h.put("UNIX", t -> unix(open(t, ctx + ".UNIX")));
        for (String alias : List.of("NetlinkBufferSize", "SocketBufferSize")) {
            h.put(alias, t -> {
                Long n = number(ctx + "." + alias);
                if (n != null) {
                    set("netlink.event-buffer-size", n, t.line(), ctx + "." + alias);
                }
            });
        }
        for (String alias :
                List.of("NetlinkBufferSizeMaxGrowth", "SocketBufferSizeMaxGrown", "SocketBufferSizeMaxGrowth")) {
            h.put(alias, t -> {
                Long n = number(ctx + "." + alias);
                if (n != null) {
                    set("netlink.event-buffer-max-size", n, t.line(), ctx + "." + alias);
                }
            });
        }
        h.put("NetlinkOverrunResync", t -> overrunResync(t, ctx + ".NetlinkOverrunResync"));
        h.put("NetlinkEventsReliable", t -> bool(t, ctx + ".NetlinkEventsReliable", "netlink.reliable-events", false));
        h.put(
                "EventIterationLimit",
                t -> noMeaning(
                        t,
                        ctx,
                        numberValue(ctx + ".EventIterationLimit"),
                        "ctsyncd reads events on a thread of their own"));
        h.put("PollSecs", t -> {
            Long n = number(ctx + ".PollSecs");
            if (n != null && n == 0) {
                error(t.line(), ctx + ".PollSecs", "0", "a number of seconds > 0");
            } else if (n != null) {
                set("netlink.poll-interval", n + "s", t.line(), ctx + ".PollSecs");
            }
        });
        h.put("Filter", this::filter);
        h.put("Nice", t -> {
            Token v = next();
            if (!(v.isWord() && v.text().matches("[+-]?[0-9]+"))) {
                syntaxError(v, ctx + ".Nice", v.describe(), "a signed number such as -20");
                unread(v);
                return;
            }
            noMeaning(t, ctx, true, "set the process priority with systemd's Nice= or nice(1)");
        });
        h.put("Scheduler", t -> scheduler(t, open(t, ctx + ".Scheduler")));
        h.put("Systemd", t -> bool(t, ctx + ".Systemd", "node.systemd-notify", false));
        body(open, ctx, h);
    }

    private void unix(Token open) {
        if (open == null) {
            return;
        }
        String ctx = "General.UNIX";
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        h.put("Path", t -> {
            Token v = path(ctx + ".Path");
            if (v != null) {
                unixPath = v.text();
                set("control.socket-path", v.text(), t.line(), ctx + ".Path");
            }
        });
        h.put(
                "Backlog",
                t -> noMeaning(
                        t,
                        ctx,
                        numberValue(ctx + ".Backlog"),
                        "deprecated in conntrackd too; the listen backlog is fixed"));
        body(open, ctx, h);
    }

    private void scheduler(Token kw, Token open) {
        if (open == null) {
            return;
        }
        String ctx = "General.Scheduler";
        warning(
                kw.line(),
                ctx,
                "has no meaning for ctsync (a JVM daemon does not run real-time); ignored. Use systemd's CPUSchedulingPolicy= if needed");
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        h.put("Type", t -> {
            Token v = next();
            if (!v.isWord()) {
                syntaxError(v, ctx + ".Type", v.describe(), "RR or FIFO");
                unread(v);
            } else if (!v.text().equalsIgnoreCase("rr") && !v.text().equalsIgnoreCase("fifo")) {
                error(v.line(), ctx + ".Type", v.describe(), "RR or FIFO");
            }
        });
        h.put("Priority", t -> {
            Long n = number(ctx + ".Priority");
            if (n != null && n > 99) {
                error(t.line(), ctx + ".Priority", Long.toString(n), "a priority 0..99");
            }
        });
        body(open, ctx, h);
    }

    private void sync(Token open) {
        if (open == null) {
            return;
        }
        String ctx = "Sync";
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        h.put("Mode", this::mode);
        syncTimers(h, ctx, true, true, true);
        for (String type : List.of("Multicast", "UDP", "TCP")) {
            h.put(type, t -> link(t, type));
        }
        h.put("Options", t -> options(open(t, ctx + ".Options")));
        body(open, ctx, h);
    }

    /** RefreshTime, CacheTimeout, CommitTimeout and PurgeTimeout, as far as a block allows them. */
    private void syncTimers(
            Map<String, Consumer<Token>> h, String ctx, boolean alarmTimers, boolean commit, boolean purge) {
        if (alarmTimers) {
            h.put("RefreshTime", t -> seconds(t, ctx + ".RefreshTime", "sync.alarm.refresh-time", "60s"));
            h.put("CacheTimeout", t -> seconds(t, ctx + ".CacheTimeout", "sync.alarm.cache-timeout", "180s"));
        }
        if (commit) {
            h.put("CommitTimeout", t -> {
                Long n = number(ctx + ".CommitTimeout");
                if (n != null && n == 0) {
                    warning(
                            t.line(),
                            ctx + ".CommitTimeout",
                            "0 means unset in conntrackd: committed entries keep their remaining timeout");
                } else if (n != null) {
                    set("commit.timeout", n + "s", t.line(), ctx + ".CommitTimeout");
                }
            });
        }
        if (purge) {
            h.put("PurgeTimeout", t -> seconds(t, ctx + ".PurgeTimeout", "sync.purge-timeout", "60s"));
        }
    }

    private void mode(Token kw) {
        String ctx = "Sync.Mode";
        Token name = next();
        if (!name.isWord()) {
            syntaxError(name, ctx, name.describe(), "a mode: FTFW, NOTRACK or ALARM");
            unread(name);
            return;
        }
        String mode = name.text().toUpperCase(Locale.ROOT);
        switch (mode) {
            case "NACK" -> {
                warning(name.line(), ctx, "'NACK' is the old name of FTFW");
                mode = "FTFW";
            }
            case "PERSISTENT" -> {
                warning(name.line(), ctx, "'PERSISTENT' is the old name of ALARM");
                mode = "ALARM";
            }
            case "FTFW", "NOTRACK", "ALARM" -> {}
            default -> {
                syntaxError(
                        name,
                        ctx,
                        "mode " + name.describe(),
                        "FTFW, NOTRACK or ALARM",
                        Suggestions.hint(name.text(), List.of("FTFW", "NOTRACK", "ALARM")));
                Token o = peek();
                if (o.kind() == Token.Kind.OPEN) {
                    skipBody(next());
                }
                return;
            }
        }
        if (modeLine != 0) {
            error(kw.line(), ctx, "a second Mode block", "one Mode block (the first is at line " + modeLine + ")");
        }
        modeLine = kw.line();
        set("sync.mode", mode.toLowerCase(Locale.ROOT), name.line(), ctx);
        String mctx = "Sync.Mode " + mode;
        Token open = open(name, mctx);
        if (open == null) {
            return;
        }
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        switch (mode) {
            case "FTFW" -> {
                h.put(
                        "ResendQueueSize",
                        t -> count(t, mctx + ".ResendQueueSize", "sync.ftfw.resend-queue-size", "131072"));
                h.put("ACKWindowSize", t -> count(t, mctx + ".ACKWindowSize", "sync.ftfw.ack-window", "300"));
                syncTimers(h, mctx, false, true, true);
                h.put("DisableExternalCache", t -> bool(t, mctx + ".DisableExternalCache", "cache.external", true));
                h.put("StartupResync", t -> bool(t, mctx + ".StartupResync", "sync.startup-resync", false));
            }
            case "NOTRACK" -> {
                syncTimers(h, mctx, false, true, true);
                h.put("DisableInternalCache", t -> bool(t, mctx + ".DisableInternalCache", "cache.internal", true));
                h.put("DisableExternalCache", t -> bool(t, mctx + ".DisableExternalCache", "cache.external", true));
                h.put("StartupResync", t -> bool(t, mctx + ".StartupResync", "sync.startup-resync", false));
            }
            default -> {
                syncTimers(h, mctx, true, true, true);
                // conntrackd's grammar rejects it here although its man page allows it; ctsync accepts it
                h.put("DisableExternalCache", t -> bool(t, mctx + ".DisableExternalCache", "cache.external", true));
            }
        }
        body(open, mctx, h);
    }

    private void link(Token kw, String type) {
        String ctx = "Sync." + type;
        boolean isDefault = false;
        Token d = peek();
        if (d.isWord() && d.text().equalsIgnoreCase("Default")) {
            keyword(next(), ctx, List.of("Default"));
            isDefault = true;
        }
        Token open = open(kw, ctx);
        if (open == null) {
            return;
        }
        if (links.size() >= MAX_LINKS) {
            syntaxError(
                    kw,
                    ctx,
                    "link block number " + (MAX_LINKS + 1),
                    "at most " + MAX_LINKS + " link blocks (conntrackd's limit)");
        }
        Link link = new Link(type, isDefault, kw.line(), ctx);
        links.add(link);
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        boolean mcast = type.equals("Multicast");
        if (mcast) {
            h.put("IPv4_address", t -> linkAddress(link, t, ctx + ".IPv4_address", "multicast-group", 4));
            h.put("IPv6_address", t -> linkAddress(link, t, ctx + ".IPv6_address", "multicast-group", 6));
            h.put(
                    "IPv4_interface",
                    t -> linkAddress(link, t, ctx + ".IPv4_interface", "multicast-interface-address", 4));
            h.put("IPv6_interface", t -> {
                if (ip(ctx + ".IPv6_interface") != null) {
                    warning(
                            t.line(),
                            ctx + ".IPv6_interface",
                            "not needed (IPv6 multicast uses Interface); ignored, as by conntrackd");
                }
            });
            h.put("Group", t -> portOption(link, t, ctx + ".Group"));
            h.put("McastSndSocketBuffer", t -> {
                warning(t.line(), ctx + ".McastSndSocketBuffer", "old name of SndSocketBuffer");
                linkNumber(link, t, ctx + ".McastSndSocketBuffer", "send-buffer");
            });
            h.put("McastRcvSocketBuffer", t -> {
                warning(t.line(), ctx + ".McastRcvSocketBuffer", "old name of RcvSocketBuffer");
                linkNumber(link, t, ctx + ".McastRcvSocketBuffer", "receive-buffer");
            });
        } else {
            h.put("IPv4_address", t -> linkAddress(link, t, ctx + ".IPv4_address", "local-address", 4));
            h.put("IPv6_address", t -> linkAddress(link, t, ctx + ".IPv6_address", "local-address", 6));
            h.put(
                    "IPv4_Destination_Address",
                    t -> linkAddress(link, t, ctx + ".IPv4_Destination_Address", "peer-address", 4));
            h.put(
                    "IPv6_Destination_Address",
                    t -> linkAddress(link, t, ctx + ".IPv6_Destination_Address", "peer-address", 6));
            h.put("Port", t -> portOption(link, t, ctx + ".Port"));
        }
        h.put("Interface", t -> {
            Token v = identifier(ctx + ".Interface", "an interface name");
            if (v != null) {
                linkSet(link, "interface", v.text(), t.line(), ctx + ".Interface");
            }
        });
        h.put("SndSocketBuffer", t -> linkNumber(link, t, ctx + ".SndSocketBuffer", "send-buffer"));
        h.put("RcvSocketBuffer", t -> linkNumber(link, t, ctx + ".RcvSocketBuffer", "receive-buffer"));
        h.put("Checksum", t -> {
            Boolean b = boolValue(ctx + ".Checksum");
            if (b != null && type.equals("TCP")) {
                warning(t.line(), ctx + ".Checksum", "has no effect on TCP links (TCP always checksums); ignored");
            } else if (b != null) {
                linkSet(link, "checksum", b, t.line(), ctx + ".Checksum");
            }
        });
        if (type.equals("TCP")) {
            h.put(
                    "ErrorQueueLength",
                    t -> noMeaning(
                            t,
                            ctx,
                            numberValue(ctx + ".ErrorQueueLength"),
                            "ctsync's TCP channel keeps unsent data in its own bounded buffer"));
        }
        body(open, ctx, h);
        String portKey = mcast ? "Group" : "Port";
        if (!link.portGiven) {
            error(
                    link.line,
                    ctx + "." + portKey,
                    "no " + portKey,
                    "a " + portKey + " with the link's UDP" + (type.equals("TCP") ? "/TCP" : "") + " port, e.g. "
                            + portKey + " 3780 (conntrackd has no default; ctsync requires one)");
        }
    }

    private void linkAddress(Link link, Token kw, String key, String target, int family) {
        Token v = ip(key);
        if (v == null) {
            return;
        }
        if (v.text().contains("/")) {
            error(v.line(), key, v.describe(), "an address without a /prefix");
            return;
        }
        Optional<InetAddress> a = family == 4 ? Addresses.parseIpv4(v.text()) : Addresses.parseIpv6(v.text());
        if (a.isEmpty()) {
            error(v.line(), key, v.describe(), family == 4 ? "an IPv4 address (A.B.C.D)" : "an IPv6 address (X:Y::Z)");
            return;
        }
        linkSet(link, target, Addresses.format(a.get()), kw.line(), key);
    }

    private void portOption(Link link, Token kw, String key) {
        link.portGiven = true;
        linkNumber(link, kw, key, "port");
    }

    private void linkNumber(Link link, Token kw, String key, String target) {
        Long n = number(key);
        if (n != null) {
            linkSet(link, target, n, kw.line(), key);
        }
    }

    private void linkSet(Link link, String target, Object value, int line, String key) {
        Leaf old = link.leaves.put(target, new Leaf(value, line, key));
        if (old != null) {
            warning(
                    line,
                    key,
                    "given more than once in this block (also at line " + old.line() + "); the last value is used");
        }
    }

    private void options(Token open) {
        if (open == null) {
            return;
        }
        String ctx = "Sync.Options";
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        h.put("TCPWindowTracking", t -> bool(t, ctx + ".TCPWindowTracking", "commit.tcp-window-tracking", false));
        h.put("ExpectationSync", t -> {
            String key = ctx + ".ExpectationSync";
            Token v = peek();
            if (v.kind() == Token.Kind.OPEN) {
                Token o = next();
                set("expectations.enabled", true, t.line(), key);
                List<ConfigValue> helpers = lists.computeIfAbsent("expectations.helpers", k -> new ArrayList<>());
                while (true) {
                    Token w = next();
                    if (w.kind() == Token.Kind.CLOSE) {
                        break;
                    }
                    if (w.kind() == Token.Kind.EOF) {
                        unclosed(o, key);
                        unread(w);
                        break;
                    }
                    if (!w.isWord() || !w.text().matches("[A-Za-z][A-Za-z0-9._-]*")) {
                        syntaxError(w, key, w.describe(), "a conntrack helper name such as ftp or sip");
                        if (w.kind() == Token.Kind.OPEN) {
                            skipBody(w);
                        }
                        continue;
                    }
                    helpers.add(value(w.text(), w.line(), key));
                }
            } else {
                bool(t, key, "expectations.enabled", false);
            }
        });
        body(open, ctx, h);
    }

    private void filter(Token kw) {
        String ctx = "General.Filter";
        String location = "userspace";
        Token t = peek();
        if (t.isWord() && t.text().equalsIgnoreCase("From")) {
            keyword(next(), ctx, List.of("From"));
            Token where = next();
            String w = where.isWord() ? keyword(where, ctx, List.of("Userspace", "Kernelspace")) : null;
            if (w == null) {
                syntaxError(where, ctx + ".From", where.describe(), "Userspace or Kernelspace");
                if (!where.isWord()) {
                    unread(where);
                }
            } else {
                location = w.equals("Kernelspace") ? "kernel" : "userspace";
            }
        }
        Token open = open(kw, ctx);
        if (open == null) {
            return;
        }
        set("filter.location", location, kw.line(), ctx);
        Map<String, Consumer<Token>> h = new LinkedHashMap<>();
        h.put("Protocol", k -> filterSet(k, ctx + ".Protocol", "filter.protocols", this::protocolItems));
        h.put("Address", k -> filterSet(k, ctx + ".Address", "filter.addresses", this::addressItems));
        h.put("State", k -> filterSet(k, ctx + ".State", "filter.tcp-states", this::stateItems));
        body(open, ctx, h);
    }

    private interface Items {
        void read(Token open, String key, List<ConfigValue> out);
    }

    private void filterSet(Token kw, String key, String target, Items items) {
        Token policy = next();
        String p = policy.isWord() ? keyword(policy, key, List.of("Accept", "Ignore")) : null;
        if (p == null) {
            syntaxError(policy, key, policy.describe(), "Accept or Ignore");
            if (!policy.isWord()) {
                unread(policy);
            }
            if (peek().kind() == Token.Kind.OPEN) {
                skipBody(next());
            }
            return;
        }
        String ctdKey = key + " " + p;
        Integer otherLine = filterPolicies.get(key + ":" + (p.equals("Accept") ? "Ignore" : "Accept"));
        if (otherLine != null) {
            warning(
                    kw.line(),
                    ctdKey,
                    "both Accept and Ignore given (other at line " + otherLine
                            + "); conntrackd would apply the last policy to every listed value, ctsync keeps the two lists apart");
        }
        filterPolicies.putIfAbsent(key + ":" + p, kw.line());
        Token open = open(policy, ctdKey);
        if (open == null) {
            return;
        }
        List<ConfigValue> out =
                lists.computeIfAbsent(target + "." + p.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        items.read(open, ctdKey, out);
    }

    private void protocolItems(Token open, String key, List<ConfigValue> out) {
        while (true) {
            Token w = next();
            if (w.kind() == Token.Kind.CLOSE) {
                return;
            }
            if (w.kind() == Token.Kind.EOF) {
                unclosed(open, key);
                unread(w);
                return;
            }
            if (!w.isWord()) {
                syntaxError(w, key, w.describe(), "a protocol name such as TCP, UDP, SCTP, DCCP, ICMP, IPv6-ICMP");
                if (w.kind() == Token.Kind.OPEN) {
                    skipBody(w);
                }
                continue;
            }
            Optional<Integer> proto = IpProtocols.parse(w.text());
            if (proto.isEmpty()) {
                error(
                        w.line(),
                        key,
                        "unknown protocol " + w.describe(),
                        "a protocol name from /etc/protocols such as TCP, UDP, SCTP, DCCP, ICMP, IPv6-ICMP",
                        Suggestions.hint(w.text(), IpProtocols.names()));
                continue;
            }
            out.add(value(IpProtocols.name(proto.get()), w.line(), key));
        }
    }

    private void addressItems(Token open, String key, List<ConfigValue> out) {
        while (true) {
            Token w = next();
            if (w.kind() == Token.Kind.CLOSE) {
                return;
            }
            if (w.kind() == Token.Kind.EOF) {
                unclosed(open, key);
                unread(w);
                return;
            }
            String kw = w.isWord() ? keyword(w, key, List.of("IPv4_address", "IPv6_address")) : null;
            if (kw == null) {
                syntaxError(
                        w,
                        key,
                        w.describe(),
                        "IPv4_address A.B.C.D[/N] or IPv6_address X::Y[/N]",
                        w.isWord() ? Suggestions.hint(w.text(), List.of("IPv4_address", "IPv6_address")) : "");
                if (w.kind() == Token.Kind.OPEN) {
                    skipBody(w);
                }
                continue;
            }
            String itemKey = key + "." + kw;
            Token v = ip(itemKey);
            if (v == null) {
                continue;
            }
            Optional<Cidr> c = Cidr.parse(v.text());
            boolean v4 = kw.equals("IPv4_address");
            if (c.isEmpty() || (c.get().family() == io.ctsync.config.AddressFamily.IPV4) != v4) {
                error(
                        v.line(),
                        itemKey,
                        v.describe(),
                        v4
                                ? "an IPv4 address or network (A.B.C.D or A.B.C.D/N, N <= 32)"
                                : "an IPv6 address or network (X::Y or X::Y/N, N <= 128)");
                continue;
            }
            out.add(value(v.text(), v.line(), itemKey));
        }
    }

    private void stateItems(Token open, String key, List<ConfigValue> out) {
        List<ConfigValue> pending = new ArrayList<>();
        boolean sawUnknown = false;
        List<String> names = Arrays.stream(TcpState.values()).map(Enum::name).toList();
        List<String> spellings = new ArrayList<>(List.of(
                "SYN_SENT",
                "SYN_RECV",
                "ESTABLISHED",
                "FIN_WAIT",
                "CLOSE_WAIT",
                "LAST_ACK",
                "TIME_WAIT",
                "CLOSE",
                "CLOSED",
                "LISTEN"));
        while (true) {
            Token w = next();
            if (w.kind() == Token.Kind.CLOSE || w.kind() == Token.Kind.EOF) {
                if (!pending.isEmpty()) {
                    syntaxError(w, key, w.describe(), "'for TCP' after the states");
                }
                if (w.kind() == Token.Kind.EOF) {
                    unclosed(open, key);
                    unread(w);
                }
                return;
            }
            if (!w.isWord()) {
                syntaxError(w, key, w.describe(), "TCP state names followed by 'for TCP'");
                if (w.kind() == Token.Kind.OPEN) {
                    skipBody(w);
                }
                continue;
            }
            if (w.text().equalsIgnoreCase("for")) {
                keyword(w, key, List.of("for"));
                Token proto = next();
                if (!proto.isWord() || keyword(proto, key, List.of("TCP")) == null) {
                    syntaxError(proto, key, proto.describe(), "TCP after 'for' (states exist for TCP only)");
                    if (!proto.isWord()) {
                        unread(proto);
                    }
                }
                if (pending.isEmpty() && !sawUnknown) {
                    syntaxError(w, key, "'for' with no state before it", "TCP state names followed by 'for TCP'");
                }
                out.addAll(pending);
                pending.clear();
                sawUnknown = false;
                continue;
            }
            String spelled = keyword(w, key, spellings);
            Optional<TcpState> s = spelled == null ? Optional.empty() : TcpState.byName(spelled);
            if (s.isEmpty()) {
                syntaxError(
                        w,
                        key,
                        "unknown TCP state " + w.describe(),
                        "one of " + String.join(" ", spellings),
                        Suggestions.hint(w.text(), names));
                sawUnknown = true;
                continue;
            }
            pending.add(value(s.get().name(), w.line(), key));
        }
    }

    // ------------------------------------------------------------------ option values

    private void noMeaning(Token kw, String ctx, Object parsedValue, String why) {
        if (parsedValue != null) {
            warning(kw.line(), ctx + "." + kw.text(), "has no meaning for ctsync; ignored (" + why + ")");
        }
    }

    private Object numberValue(String key) {
        return number(key);
    }

    private Object logFile(String key) {
        Token v = next();
        if (v.isWord() && (v.text().startsWith("/") || isBool(v.text()))) {
            return v.text();
        }
        syntaxError(v, key, v.describe(), "on, off or an absolute path");
        unread(v);
        return null;
    }

    private Object syslog(String key) {
        Token v = next();
        if (v.isWord() && (isBool(v.text()) || v.text().matches("[A-Za-z][A-Za-z0-9._-]*"))) {
            String s = v.text();
            if (!isBool(s) && !s.equals("daemon") && !s.matches("local[0-7]")) {
                error(v.line(), key, "facility " + v.describe(), "on, off, daemon or local0..local7");
                return null;
            }
            return s;
        }
        syntaxError(v, key, v.describe(), "on, off, daemon or local0..local7");
        unread(v);
        return null;
    }

    private void overrunResync(Token kw, String key) {
        Token v = next();
        if (v.isWord() && isBool(v.text())) {
            set("netlink.overrun-resync", parseBool(v.text()), kw.line(), key);
        } else if (v.isWord() && v.text().matches("[0-9]{1,9}")) {
            long n = Long.parseLong(v.text());
            set("netlink.overrun-resync", true, kw.line(), key);
            if (n == 0) {
                warning(
                        kw.line(),
                        key,
                        "0 means 'on' in conntrackd; ctsync resyncs at once (netlink.overrun-resync-delay = 0s)");
            } else {
                set("netlink.overrun-resync-delay", n + "s", kw.line(), key);
            }
        } else {
            syntaxError(v, key, v.describe(), "on, off or a number of seconds");
            unread(v);
        }
    }

    private void bool(Token kw, String key, String target, boolean invert) {
        Boolean b = boolValue(key);
        if (b != null) {
            set(target, invert ? !b : b, kw.line(), key);
        }
    }

    private Boolean boolValue(String key) {
        Token v = next();
        if (v.isWord() && isBool(v.text())) {
            return parseBool(v.text());
        }
        syntaxError(v, key, v.describe(), "on or off (also yes or no)");
        unread(v);
        return null;
    }

    private void seconds(Token kw, String key, String target, String conntrackdDefault) {
        Long n = number(key);
        if (n == null) {
            return;
        }
        if (n == 0) {
            warning(
                    kw.line(),
                    key,
                    "0 means the default (" + conntrackdDefault + ") in conntrackd; the ctsync default is used");
            return;
        }
        set(target, n + "s", kw.line(), key);
    }

    private void count(Token kw, String key, String target, String conntrackdDefault) {
        Long n = number(key);
        if (n == null) {
            return;
        }
        if (n == 0) {
            warning(
                    kw.line(),
                    key,
                    "0 means the default (" + conntrackdDefault + ") in conntrackd; the ctsync default is used");
            return;
        }
        set(target, n, kw.line(), key);
    }

    private Long number(String key) {
        Token v = next();
        if (v.isWord() && v.text().matches("[0-9]+")) {
            if (v.text().length() > 12) {
                error(v.line(), key, v.describe(), "a number that fits in 32 bits");
                return null;
            }
            return Long.parseLong(v.text());
        }
        syntaxError(v, key, v.describe(), "a number");
        unread(v);
        return null;
    }

    private Token path(String key) {
        Token v = next();
        if (v.isWord() && v.text().startsWith("/")) {
            return v;
        }
        syntaxError(v, key, v.describe(), "an absolute path starting with /");
        unread(v);
        return null;
    }

    private Token ip(String key) {
        Token v = next();
        if (v.isWord() && (v.text().matches("[0-9.]+(/[0-9]+)?") || v.text().contains(":"))) {
            return v;
        }
        syntaxError(v, key, v.describe(), "an IP address");
        unread(v);
        return null;
    }

    private Token identifier(String key, String what) {
        Token v = next();
        if (v.isWord() && (v.quoted() || v.text().matches("[A-Za-z][A-Za-z0-9._-]*"))) {
            return v;
        }
        syntaxError(v, key, v.describe(), what);
        unread(v);
        return null;
    }

    private static boolean isBool(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("on") || l.equals("off") || l.equals("yes") || l.equals("no");
    }

    private static boolean parseBool(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("on") || l.equals("yes");
    }

    // ------------------------------------------------------------------ structure

    private Token next() {
        Token t = tokens.get(pos);
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    /** Puts back a token that is not the value expected, if it is structure ({, }, end of file). */
    private void unread(Token t) {
        if (t.kind() == Token.Kind.OPEN || t.kind() == Token.Kind.CLOSE || t.kind() == Token.Kind.EOF) {
            if (t.kind() == Token.Kind.EOF && pos == tokens.size() - 1 && tokens.get(pos) == t) {
                return;
            }
            pos--;
        }
    }

    /** Consumes the '{' after a section keyword; reports and returns null if it is missing. */
    private Token open(Token kw, String ctx) {
        Token t = next();
        if (t.kind() == Token.Kind.OPEN) {
            return t;
        }
        syntaxError(t, ctx, t.describe(), "'{' to open " + ctx);
        if (t.isWord() && t.line() == kw.line() && peek().kind() == Token.Kind.OPEN) {
            return next(); // a stray word between the keyword and its brace
        }
        if (t.isWord() && t.line() != kw.line()) {
            pos--; // the brace is missing: read the block as if it were there
            return new Token(Token.Kind.OPEN, "{", kw.line(), false);
        }
        unread(t);
        return null;
    }

    /** Reads options up to the '}' that closes {@code open}. */
    private void body(Token open, String ctx, Map<String, Consumer<Token>> handlers) {
        List<String> names = List.copyOf(handlers.keySet());
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case CLOSE -> {
                    return;
                }
                case EOF -> {
                    unclosed(open, ctx);
                    return;
                }
                case OPEN -> {
                    syntaxError(t, ctx, t.describe(), "an option of " + ctx + " (" + String.join(", ", names) + ")");
                    skipBody(t);
                }
                case ERROR -> syntaxError(t, ctx, t.describe(), "an option of " + ctx + " or '}'");
                case WORD -> {
                    String kw = keyword(t, ctx, names);
                    if (kw == null) {
                        String hint = Suggestions.hint(t.text(), names);
                        if (hint.isEmpty()) {
                            hint = elsewhere(t.text(), ctx);
                        }
                        syntaxError(
                                t,
                                ctx,
                                "unknown option " + t.describe(),
                                "an option of " + ctx + " (" + String.join(", ", names) + ")",
                                hint);
                        skipUnknown(t, names);
                    } else {
                        handlers.get(kw).accept(t);
                    }
                }
            }
        }
    }

    /** Where an option that does not belong here does belong, as a hint. */
    private static String elsewhere(String word, String ctx) {
        Map<String, String> homes = Map.ofEntries(
                Map.entry("startupresync", "Sync { Mode FTFW|NOTRACK { StartupResync ... } }"),
                Map.entry("disableexternalcache", "Sync { Mode FTFW|NOTRACK|ALARM { ... } }"),
                Map.entry("disableinternalcache", "Sync { Mode NOTRACK { ... } }"),
                Map.entry("resendqueuesize", "Sync { Mode FTFW { ... } }"),
                Map.entry("ackwindowsize", "Sync { Mode FTFW { ... } }"),
                Map.entry("refreshtime", "Sync { Mode ALARM { ... } }"),
                Map.entry("cachetimeout", "Sync { Mode ALARM { ... } }"),
                Map.entry("tcpwindowtracking", "Sync { Options { ... } }"),
                Map.entry("expectationsync", "Sync { Options { ... } }"),
                Map.entry("filter", "General { Filter { ... } }"),
                Map.entry("unix", "General { UNIX { Path ... } }"),
                Map.entry("path", "General { UNIX { Path ... } }"),
                Map.entry("netlinkbuffersize", "General { ... }"),
                Map.entry("port", "a UDP or TCP block (Multicast uses Group)"),
                Map.entry("group", "a Multicast block (UDP and TCP use Port)"),
                Map.entry("ipv4_destination_address", "a UDP or TCP block"),
                Map.entry("ipv4_interface", "a Multicast block"));
        String home = homes.get(word.toLowerCase(Locale.ROOT));
        return home == null ? "" : "it belongs in " + home + ", not in " + ctx;
    }

    private void unclosed(Token open, String ctx) {
        if (!eofReported) {
            eofReported = true;
            syntaxError(
                    new Token(Token.Kind.EOF, "", open.line(), false),
                    ctx,
                    "the end of the file",
                    "'}' to close " + ctx + " opened at line " + open.line());
        }
    }

    /** Skips a balanced { ... } whose '{' was just consumed. */
    private void skipBody(Token open) {
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            switch (t.kind()) {
                case OPEN -> depth++;
                case CLOSE -> depth--;
                case EOF -> {
                    unclosed(open, "the block opened at line " + open.line());
                    return;
                }
                default -> {}
            }
        }
    }

    /**
     * After an unknown keyword: skips its value words on the same line (up to a known keyword)
     * and a block that follows, so that one mistake gives one error.
     */
    private void skipUnknown(Token kw, List<String> known) {
        while (peek().isWord()
                && peek().line() == kw.line()
                && known.stream().noneMatch(k -> k.equalsIgnoreCase(peek().text()))) {
            next();
        }
        if (peek().kind() == Token.Kind.OPEN) {
            skipBody(next());
        }
    }

    /**
     * The canonical keyword {@code t} names (case-insensitive), or null. A spelling that differs
     * from conntrackd's only in case is accepted with a warning, since conntrackd rejects it.
     */
    private String keyword(Token t, String ctx, List<String> canonical) {
        if (!t.isWord()) {
            return null;
        }
        for (String k : canonical) {
            if (k.equals(t.text())) {
                return k;
            }
        }
        for (String k : canonical) {
            if (k.equalsIgnoreCase(t.text())) {
                warning(
                        t.line(),
                        ctx.isEmpty() ? k : ctx + "." + k,
                        "conntrackd spells this keyword '" + k + "' and rejects '" + t.text() + "'; ctsync accepts it");
                return k;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ problems

    private void syntaxError(Token t, String key, String found, String expected) {
        syntaxError(t, key, found, expected, "");
    }

    private void syntaxError(Token t, String key, String found, String expected, String hint) {
        Problem p = Problem.error(source, t.line(), key, found, expected).withHint(hint);
        problems.add(p);
        syntax.add(p);
    }

    private void error(int line, String key, String found, String expected) {
        error(line, key, found, expected, "");
    }

    private void error(int line, String key, String found, String expected, String hint) {
        problems.add(Problem.error(source, line, key, found, expected).withHint(hint));
    }

    private void warning(int line, String key, String message) {
        problems.add(Problem.warning(source, line, key, message));
    }

    // ------------------------------------------------------------------ the ctsync tree

    private void set(String path, Object value, int line, String key) {
        Leaf old = leaves.put(path, new Leaf(value, line, key));
        if (old != null && !old.key().equals("General.Filter") && !old.key().equals("Sync.Mode")) {
            warning(
                    line,
                    key,
                    "sets the same thing as " + old.key() + " at line " + old.line() + "; the last value is used");
        }
    }

    private ConfigOrigin origin(int line, String key) {
        return ConfigOriginFactory.newFile(source).withLineNumber(line).withComments(List.of(KEY_COMMENT_PREFIX + key));
    }

    private ConfigValue value(Object v, int line, String key) {
        return ConfigValueFactory.fromAnyRef(v).withOrigin(origin(line, key));
    }

    private Config toConfig() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Leaf> e : leaves.entrySet()) {
            Leaf l = e.getValue();
            put(root, e.getKey(), value(l.value(), l.line(), l.key()));
        }
        for (Map.Entry<String, List<ConfigValue>> e : lists.entrySet()) {
            List<ConfigValue> items = e.getValue();
            ConfigOrigin o =
                    items.isEmpty() ? origin(0, e.getKey()) : items.get(0).origin();
            put(root, e.getKey(), ConfigValueFactory.fromIterable(items).withOrigin(o));
        }
        if (!links.isEmpty()) {
            List<ConfigValue> channels = new ArrayList<>();
            for (Link link : links) {
                Map<String, Object> ch = new LinkedHashMap<>();
                ch.put("type", value(link.type.toLowerCase(Locale.ROOT), link.line, link.key));
                if (link.isDefault) {
                    ch.put("default", value(true, link.line, link.key + " Default"));
                }
                for (Map.Entry<String, Leaf> e : link.leaves.entrySet()) {
                    Leaf l = e.getValue();
                    ch.put(e.getKey(), value(l.value(), l.line(), l.key()));
                }
                channels.add(ConfigValueFactory.fromMap(ch).withOrigin(origin(link.line, link.key)));
            }
            put(
                    root,
                    "channels",
                    ConfigValueFactory.fromIterable(channels).withOrigin(origin(links.get(0).line, "Sync")));
        }
        return ConfigValueFactory.fromMap(Map.of(io.ctsync.config.SettingsLoader.ROOT, root))
                .toConfig();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = (Map<String, Object>) cur.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        cur.put(parts[parts.length - 1], value);
    }
}
