package io.ctsync.ctl;

import io.ctsync.protocol.control.ConntrackdCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ctsyncctl}'s command line: native subcommands ({@code ctsyncctl commit}) and
 * conntrackd's client flags ({@code ctsyncctl -C conntrackd.conf -c}) with conntrackd's rules
 * (dispatch on the second character, prefix-matched optional parameters, last action wins),
 * except that every error is reported with a non-zero exit code.
 */
public final class CommandLine {

    /** The result of parsing: help, version, or a request to send. */
    public sealed interface Parsed permits Help, Version, Send {}

    /** {@code -h} / {@code --help}. */
    public record Help() implements Parsed {}

    /** {@code -v} / {@code --version}. */
    public record Version() implements Parsed {}

    /** A request for the daemon. */
    public record Send(ClientRequest request) implements Parsed {}

    private static final String[] STATS_SECTIONS = {
        "network", "cache", "runtime", "multicast", "link", "rsqueue", "process", "queue", "ct", "expect"
    };

    private Path conntrackdConfig;
    private Path hoconConfig;
    private Path socket;
    private final List<String> warnings = new ArrayList<>();
    private boolean helpRequested;

    private CommandLine() {}

    /** Parses the arguments; throws with a message naming the offending argument. */
    public static Parsed parse(String... args) throws UsageException {
        return new CommandLine().doParse(args);
    }

    private Parsed doParse(String[] args) throws UsageException {
        List<String> rest = extractGlobalOptions(args);
        if (rest.isEmpty()) {
            throw new UsageException("no command given; try 'ctsyncctl --help'");
        }
        String first = rest.get(0);
        if (first.equals("--help") || first.equals("help")) {
            return new Help();
        }
        if (first.equals("--version") || first.equals("version")) {
            return new Version();
        }
        ConntrackdCommand command = first.startsWith("-") ? parseFlags(rest) : parseSubcommand(rest);
        if (command == null) {
            return helpRequested ? new Help() : new Version();
        }
        return new Send(new ClientRequest(command, conntrackdConfig, hoconConfig, socket, warnings));
    }

    /** Removes {@code -C FILE}, {@code --config FILE} and {@code --socket PATH} wherever they are. */
    private List<String> extractGlobalOptions(String[] args) throws UsageException {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-C", "--config", "--socket" -> {
                    if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                        throw new UsageException("option '" + a + "' needs a "
                                + (a.equals("--socket") ? "socket path" : "configuration file name"));
                    }
                    Path p = Path.of(args[++i]);
                    if (a.equals("-C")) {
                        conntrackdConfig = p;
                    } else if (a.equals("--config")) {
                        hoconConfig = p;
                    } else {
                        socket = p;
                    }
                }
                default -> rest.add(a);
            }
        }
        if (conntrackdConfig != null && hoconConfig != null) {
            throw new UsageException("give either -C (conntrackd.conf) or --config (ctsync HOCON), not both");
        }
        return rest;
    }

    // ---- conntrackd's client flags -------------------------------------------------------

    private ConntrackdCommand parseFlags(List<String> args) throws UsageException {
        ConntrackdCommand action = null;
        boolean sawVersion = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.length() < 2) {
                throw new UsageException("unexpected argument '" + a + "'; conntrackd-style flags start with '-'");
            }
            char c = a.charAt(1);
            String param = (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) ? args.get(i + 1) : null;
            boolean consumed = param != null;
            switch (c) {
                case 'c' ->
                    action = ctOrExpect(
                            a,
                            param,
                            ConntrackdCommand.ALL_COMMIT,
                            ConntrackdCommand.CT_COMMIT,
                            ConntrackdCommand.EXP_COMMIT);
                case 'F' ->
                    action = ctOrExpect(
                            a,
                            param,
                            ConntrackdCommand.ALL_FLUSH_MASTER,
                            ConntrackdCommand.CT_FLUSH_MASTER,
                            ConntrackdCommand.EXP_FLUSH_MASTER);
                case 'R' ->
                    action = ctOrExpect(
                            a,
                            param,
                            ConntrackdCommand.ALL_RESYNC_MASTER,
                            ConntrackdCommand.CT_RESYNC_MASTER,
                            ConntrackdCommand.EXP_RESYNC_MASTER);
                case 'i' ->
                    action = ctOrExpect(
                            a,
                            param,
                            ConntrackdCommand.CT_DUMP_INTERNAL,
                            ConntrackdCommand.CT_DUMP_INTERNAL,
                            ConntrackdCommand.EXP_DUMP_INTERNAL);
                case 'e' ->
                    action = ctOrExpect(
                            a,
                            param,
                            ConntrackdCommand.CT_DUMP_EXTERNAL,
                            ConntrackdCommand.CT_DUMP_EXTERNAL,
                            ConntrackdCommand.EXP_DUMP_EXTERNAL);
                case 'f' -> action = flushCache(a, param);
                case 's' -> action = stats(a, param);
                case 'k' -> {
                    action = ConntrackdCommand.KILL;
                    consumed = false;
                }
                case 'n' -> {
                    action = ConntrackdCommand.REQUEST_DUMP;
                    consumed = false;
                }
                case 'B' -> {
                    action = ConntrackdCommand.SEND_BULK;
                    consumed = false;
                }
                case 't' -> {
                    action = ConntrackdCommand.RESET_TIMERS;
                    consumed = false;
                }
                case 'x' -> {
                    action = toXml(action);
                    consumed = false;
                }
                case 'h' -> {
                    helpRequested = true;
                    return null;
                }
                case 'v' -> {
                    sawVersion = true;
                    consumed = false;
                }
                case 'd' ->
                    throw new UsageException(
                            "'-d' runs the daemon; ctsyncctl is the client (start the daemon with ctsyncd)");
                default -> throw new UsageException("unknown option '" + a + "'; try 'ctsyncctl --help'");
            }
            if (consumed) {
                i++;
            }
        }
        if (action == null) {
            if (sawVersion) {
                return null;
            }
            throw new UsageException("no client command among the flags; try 'ctsyncctl --help'");
        }
        return action;
    }

    private static ConntrackdCommand ctOrExpect(
            String flag, String param, ConntrackdCommand none, ConntrackdCommand ct, ConntrackdCommand expect)
            throws UsageException {
        if (param == null) {
            return none;
        }
        if ("ct".startsWith(param)) {
            return ct;
        }
        if ("expect".startsWith(param)) {
            return expect;
        }
        throw new UsageException("unknown parameter '" + param + "' for option '" + flag + "'; expected ct or expect");
    }

    private static ConntrackdCommand flushCache(String flag, String param) throws UsageException {
        if (param == null) {
            return ConntrackdCommand.ALL_FLUSH_CACHE;
        }
        if ("internal".startsWith(param)) {
            return ConntrackdCommand.CT_FLUSH_INT_CACHE;
        }
        if ("external".startsWith(param)) {
            return ConntrackdCommand.CT_FLUSH_EXT_CACHE;
        }
        throw new UsageException(
                "unknown parameter '" + param + "' for option '" + flag + "'; expected internal or external");
    }

    private ConntrackdCommand stats(String flag, String param) throws UsageException {
        if (param == null) {
            return ConntrackdCommand.STATS;
        }
        for (String section : STATS_SECTIONS) {
            if (section.startsWith(param)) {
                return statsSection(section);
            }
        }
        throw new UsageException("unknown parameter '" + param + "' for option '" + flag
                + "'; expected one of network, cache, runtime, link, rsqueue, process, queue, ct, expect");
    }

    private ConntrackdCommand statsSection(String section) {
        return switch (section) {
            case "network" -> ConntrackdCommand.STATS_NETWORK;
            case "cache" -> ConntrackdCommand.STATS_CACHE;
            case "runtime" -> ConntrackdCommand.STATS_RUNTIME;
            case "multicast" -> {
                warnings.add("'-s multicast' is deprecated, use '-s link'");
                yield ConntrackdCommand.STATS_LINK;
            }
            case "link" -> ConntrackdCommand.STATS_LINK;
            case "rsqueue" -> ConntrackdCommand.STATS_RSQUEUE;
            case "process" -> ConntrackdCommand.STATS_PROCESS;
            case "queue" -> ConntrackdCommand.STATS_QUEUE;
            case "expect" -> ConntrackdCommand.EXP_STATS;
            default -> ConntrackdCommand.STATS;
        };
    }

    private static ConntrackdCommand toXml(ConntrackdCommand action) throws UsageException {
        if (action == null) {
            throw new UsageException("'-x' needs a preceding -i or -e");
        }
        return switch (action) {
            case CT_DUMP_INTERNAL -> ConntrackdCommand.CT_DUMP_INT_XML;
            case CT_DUMP_EXTERNAL -> ConntrackdCommand.CT_DUMP_EXT_XML;
            case EXP_DUMP_INTERNAL -> ConntrackdCommand.EXP_DUMP_INT_XML;
            case EXP_DUMP_EXTERNAL -> ConntrackdCommand.EXP_DUMP_EXT_XML;
            default -> throw new UsageException("'-x' needs a preceding -i or -e");
        };
    }

    // ---- native subcommands --------------------------------------------------------------

    private ConntrackdCommand parseSubcommand(List<String> args) throws UsageException {
        String name = args.get(0);
        List<String> params = args.subList(1, args.size());
        boolean xml = params.contains("--xml");
        List<String> p = new ArrayList<>(params);
        p.remove("--xml");
        if (xml && !name.equals("dump")) {
            throw new UsageException("'--xml' applies to 'dump' only");
        }
        return switch (name) {
            case "commit" ->
                oneOf(
                        name,
                        p,
                        "all",
                        ConntrackdCommand.ALL_COMMIT,
                        "ct",
                        ConntrackdCommand.CT_COMMIT,
                        "expect",
                        ConntrackdCommand.EXP_COMMIT);
            case "flush" ->
                oneOf(
                        name,
                        p,
                        "all",
                        ConntrackdCommand.ALL_FLUSH_CACHE,
                        "internal",
                        ConntrackdCommand.CT_FLUSH_INT_CACHE,
                        "external",
                        ConntrackdCommand.CT_FLUSH_EXT_CACHE);
            case "flush-kernel" ->
                oneOf(
                        name,
                        p,
                        "all",
                        ConntrackdCommand.ALL_FLUSH_MASTER,
                        "ct",
                        ConntrackdCommand.CT_FLUSH_MASTER,
                        "expect",
                        ConntrackdCommand.EXP_FLUSH_MASTER);
            case "resync" ->
                oneOf(
                        name,
                        p,
                        "all",
                        ConntrackdCommand.ALL_RESYNC_MASTER,
                        "ct",
                        ConntrackdCommand.CT_RESYNC_MASTER,
                        "expect",
                        ConntrackdCommand.EXP_RESYNC_MASTER);
            case "bulk-send" -> noParams(name, p, ConntrackdCommand.SEND_BULK);
            case "request-resync" -> noParams(name, p, ConntrackdCommand.REQUEST_DUMP);
            case "purge" -> noParams(name, p, ConntrackdCommand.RESET_TIMERS);
            case "shutdown" -> noParams(name, p, ConntrackdCommand.KILL);
            case "stats" -> statsSubcommand(p);
            case "dump" -> dumpSubcommand(p, xml);
            default ->
                throw new UsageException("unknown command '" + name
                        + "'; expected one of commit, flush, flush-kernel, resync, bulk-send, request-resync,"
                        + " purge, stats, dump, shutdown (try 'ctsyncctl --help')");
        };
    }

    private static ConntrackdCommand oneOf(
            String name,
            List<String> p,
            String defaultName,
            ConntrackdCommand defaultCommand,
            String aName,
            ConntrackdCommand a,
            String bName,
            ConntrackdCommand b)
            throws UsageException {
        if (p.size() > 1) {
            throw new UsageException("'" + name + "' takes at most one parameter, got " + p);
        }
        if (p.isEmpty() || p.get(0).equals(defaultName)) {
            return defaultCommand;
        }
        if (p.get(0).equals(aName)) {
            return a;
        }
        if (p.get(0).equals(bName)) {
            return b;
        }
        throw new UsageException("unknown parameter '" + p.get(0) + "' for '" + name + "'; expected " + defaultName
                + ", " + aName + " or " + bName);
    }

    private static ConntrackdCommand noParams(String name, List<String> p, ConntrackdCommand command)
            throws UsageException {
        if (!p.isEmpty()) {
            throw new UsageException("'" + name + "' takes no parameters, got " + p);
        }
        return command;
    }

    private ConntrackdCommand statsSubcommand(List<String> p) throws UsageException {
        if (p.contains("--json")) {
            throw new UsageException("'stats --json' needs the native control protocol, which this build of"
                    + " ctsyncctl does not speak yet; plain 'stats' works");
        }
        if (p.size() > 1) {
            throw new UsageException("'stats' takes at most one section, got " + p);
        }
        if (p.isEmpty() || p.get(0).equals("all")) {
            return ConntrackdCommand.STATS;
        }
        for (String section : STATS_SECTIONS) {
            if (section.equals(p.get(0))) {
                return statsSection(section);
            }
        }
        throw new UsageException("unknown statistics section '" + p.get(0)
                + "'; expected one of network, cache, runtime, link, rsqueue, process, queue, ct, expect");
    }

    private static ConntrackdCommand dumpSubcommand(List<String> p, boolean xml) throws UsageException {
        if (p.contains("--json")) {
            throw new UsageException("'dump --json' needs the native control protocol, which this build of"
                    + " ctsyncctl does not speak yet; plain 'dump' works");
        }
        if (p.isEmpty() || p.size() > 2) {
            throw new UsageException("'dump' needs internal or external, optionally followed by ct or expect");
        }
        boolean internal;
        switch (p.get(0)) {
            case "internal" -> internal = true;
            case "external" -> internal = false;
            default ->
                throw new UsageException("unknown cache '" + p.get(0) + "' for 'dump'; expected internal or external");
        }
        boolean expect = false;
        if (p.size() == 2) {
            switch (p.get(1)) {
                case "ct" -> expect = false;
                case "expect" -> expect = true;
                default ->
                    throw new UsageException("unknown table '" + p.get(1) + "' for 'dump'; expected ct or expect");
            }
        }
        if (expect) {
            if (internal) {
                return xml ? ConntrackdCommand.EXP_DUMP_INT_XML : ConntrackdCommand.EXP_DUMP_INTERNAL;
            }
            return xml ? ConntrackdCommand.EXP_DUMP_EXT_XML : ConntrackdCommand.EXP_DUMP_EXTERNAL;
        }
        if (internal) {
            return xml ? ConntrackdCommand.CT_DUMP_INT_XML : ConntrackdCommand.CT_DUMP_INTERNAL;
        }
        return xml ? ConntrackdCommand.CT_DUMP_EXT_XML : ConntrackdCommand.CT_DUMP_EXTERNAL;
    }
}
