package io.ctsync.protocol.conntrack;

/** Layer-4 protocol numbers conntrack tracks specially, and their conntrack-tools names. */
public final class IpProtocol {
    private IpProtocol() {}

    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int DCCP = 33;
    public static final int GRE = 47;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;
    public static final int UDPLITE = 136;

    /** True for protocols whose tuples carry source and destination ports (GRE: keys). */
    public static boolean hasPorts(int protocol) {
        switch (protocol) {
            case TCP:
            case UDP:
            case DCCP:
            case GRE:
            case SCTP:
            case UDPLITE:
                return true;
            default:
                return false;
        }
    }

    public static boolean isIcmp(int protocol) {
        return protocol == ICMP || protocol == ICMPV6;
    }

    /** "tcp", "udp", ..., or "unknown" as {@code conntrack -L} prints protocols it does not name. */
    public static String nameOf(int protocol) {
        switch (protocol) {
            case ICMP:
                return "icmp";
            case TCP:
                return "tcp";
            case UDP:
                return "udp";
            case DCCP:
                return "dccp";
            case GRE:
                return "gre";
            case ICMPV6:
                return "icmpv6";
            case SCTP:
                return "sctp";
            case UDPLITE:
                return "udplite";
            default:
                return "unknown";
        }
    }
}
