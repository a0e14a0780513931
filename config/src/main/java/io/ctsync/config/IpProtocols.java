package io.ctsync.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Layer-4 protocol names and numbers as in {@code /etc/protocols} (the names conntrackd accepts
 * through getprotobyname), built in so that loading never depends on the host's files.
 */
public final class IpProtocols {
    private IpProtocols() {}

    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();
    private static final Map<Integer, String> BY_NUMBER = new LinkedHashMap<>();

    static {
        add(0, "ip", "hopopt");
        add(1, "icmp");
        add(2, "igmp");
        add(4, "ipencap", "ip-encap");
        add(6, "tcp");
        add(8, "egp");
        add(17, "udp");
        add(33, "dccp");
        add(41, "ipv6");
        add(46, "rsvp");
        add(47, "gre");
        add(50, "esp", "ipsec-esp");
        add(51, "ah", "ipsec-ah");
        add(58, "ipv6-icmp", "icmpv6", "icmp6");
        add(88, "eigrp");
        add(89, "ospf", "ospfigp");
        add(94, "ipip");
        add(97, "etherip");
        add(103, "pim");
        add(108, "ipcomp");
        add(112, "vrrp");
        add(115, "l2tp");
        add(132, "sctp");
        add(136, "udplite");
        add(137, "mpls-in-ip");
    }

    private static void add(int number, String name, String... aliases) {
        BY_NAME.put(name, number);
        BY_NUMBER.put(number, name);
        for (String a : aliases) {
            BY_NAME.put(a, number);
        }
    }

    /** The number of a protocol given by name (case-insensitive) or by number 0..255; empty if neither. */
    public static Optional<Integer> parse(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() <= 3) {
            int n = Integer.parseInt(text);
            return n <= 255 ? Optional.of(n) : Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(text.toLowerCase(Locale.ROOT)));
    }

    /** The canonical name of a protocol number, or the number itself when it has none. */
    public static String name(int number) {
        String n = BY_NUMBER.get(number);
        return n != null ? n : Integer.toString(number);
    }

    /** Every known name and alias, for "did you mean" suggestions. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
