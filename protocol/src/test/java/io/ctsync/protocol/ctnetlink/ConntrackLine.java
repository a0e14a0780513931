package io.ctsync.protocol.ctnetlink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code conntrack -L -o extended,id} or {@code conntrack -E -o extended,id} output,
 * split into the parts the golden tests compare: header numbers, state, the two tuples' keys and
 * the entry-level keys and flags.
 */
final class ConntrackLine {
    String event;
    int family;
    int protocol;
    long timeout;
    String state;
    final List<Map<String, String>> tuples = new ArrayList<>();
    final Map<String, String> entry = new LinkedHashMap<>();
    final List<String> flags = new ArrayList<>();

    static ConntrackLine parse(String line) {
        ConntrackLine l = new ConntrackLine();
        String[] tok = line.trim().split("\\s+");
        int i = 0;
        if (tok[i].startsWith("[") && !tok[i].startsWith("[ASSURED")) {
            l.event = tok[i].substring(1, tok[i].length() - 1);
            i++;
        }
        i++; // l3 name
        l.family = Integer.parseInt(tok[i++]);
        i++; // l4 name
        l.protocol = Integer.parseInt(tok[i++]);
        l.timeout = Long.parseLong(tok[i++]);
        if (!tok[i].contains("=")) {
            l.state = tok[i++];
        }
        Map<String, String> current = null;
        String previousKey = "";
        for (; i < tok.length; i++) {
            String t = tok[i];
            if (t.startsWith("[")) {
                l.flags.add(t.substring(1, t.length() - 1));
                continue;
            }
            int eq = t.indexOf('=');
            String key = t.substring(0, eq);
            String value = t.substring(eq + 1);
            if (key.equals("src")) {
                current = new LinkedHashMap<>();
                l.tuples.add(current);
            }
            boolean tupleKey = current != null
                    && l.entry.isEmpty()
                    && (key.equals("src")
                            || key.equals("dst")
                            || key.equals("sport")
                            || key.equals("dport")
                            || key.equals("type")
                            || key.equals("code")
                            || key.equals("srckey")
                            || key.equals("dstkey")
                            || key.equals("zone-orig")
                            || key.equals("zone-reply")
                            || key.equals("packets")
                            || key.equals("bytes")
                            || (key.equals("id") && previousKey.equals("code")));
            if (tupleKey) {
                current.put(key, value);
            } else {
                l.entry.put(key, value);
            }
            previousKey = key;
        }
        return l;
    }
}
