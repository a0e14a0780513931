package io.ctsync.daemon.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of {@code conntrack -L -o extended}, parsed into plain fields so tests can compare the kernel
 * table as conntrack-tools sees it with what ctsync wrote and dumped.
 *
 * @param family {@code ipv4} or {@code ipv6}
 * @param protocolName e.g. {@code tcp}, {@code unknown}
 * @param protocol protocol number
 * @param timeout remaining seconds
 * @param state protocol state (e.g. {@code ESTABLISHED}) or null
 * @param original fields of the original tuple ({@code src}, {@code dst}, {@code sport}, {@code type}, ...)
 * @param reply fields of the reply tuple
 * @param flags bracketed flags such as {@code ASSURED}, {@code UNREPLIED}
 * @param extra the fields after the tuples ({@code mark}, {@code zone}, {@code use}, {@code labels}, ...)
 */
public record ConntrackToolLine(
        String family,
        String protocolName,
        int protocol,
        int timeout,
        String state,
        Map<String, String> original,
        Map<String, String> reply,
        Set<String> flags,
        Map<String, String> extra) {

    private static final Set<String> TUPLE_KEYS =
            Set.of("src", "dst", "sport", "dport", "type", "code", "id", "srckey", "dstkey");

    public static ConntrackToolLine parse(String line) {
        String[] t = line.trim().split("\\s+");
        if (t.length < 5) {
            throw new IllegalArgumentException("not a conntrack line: " + line);
        }
        String family = t[0];
        String protoName = t[2];
        int proto = Integer.parseInt(t[3]);
        int timeout = Integer.parseInt(t[4]);
        int i = 5;
        String state = null;
        if (i < t.length && !t[i].contains("=") && !t[i].startsWith("[")) {
            state = t[i++];
        }
        Map<String, String> orig = new LinkedHashMap<>();
        Map<String, String> reply = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        Set<String> flags = new TreeSet<>();
        int srcSeen = 0;
        for (; i < t.length; i++) {
            String tok = t[i];
            if (tok.startsWith("[") && tok.endsWith("]")) {
                flags.add(tok.substring(1, tok.length() - 1));
                continue;
            }
            int eq = tok.indexOf('=');
            if (eq < 0) {
                extra.put(tok, "");
                continue;
            }
            String k = tok.substring(0, eq);
            String v = tok.substring(eq + 1);
            if (k.equals("src")) {
                srcSeen++;
            }
            boolean tupleKey = TUPLE_KEYS.contains(k);
            if (tupleKey && srcSeen == 1 && !orig.containsKey(k)) {
                orig.put(k, v);
            } else if (tupleKey && srcSeen == 2 && !reply.containsKey(k)) {
                reply.put(k, v);
            } else {
                extra.put(k, v);
            }
        }
        return new ConntrackToolLine(family, protoName, proto, timeout, state, orig, reply, flags, extra);
    }

    public static List<ConntrackToolLine> parseAll(List<String> lines) {
        return lines.stream().map(ConntrackToolLine::parse).toList();
    }

    public String mark() {
        return extra.getOrDefault("mark", "0");
    }

    public String zone() {
        return extra.get("zone");
    }
}
