package io.ctsync.protocol.netlink;

/**
 * nfnetlink constants (uapi {@code linux/netfilter/nfnetlink.h}): subsystems, the version byte,
 * multicast groups and the 4-byte {@code nfgenmsg} that follows every nfnetlink {@code nlmsghdr}.
 *
 * <pre>
 * nlmsg_type = (subsystem &lt;&lt; 8) | message
 *
 * nfgenmsg, 4 bytes
 * +---------------+---------------+-------------------------------+
 * | nfgen_family  | version (0)   | res_id (BIG-endian u16)       |
 * | u8 AF_*       | u8            | 0, or CPU in GET_STATS_CPU    |
 * +---------------+---------------+-------------------------------+
 * </pre>
 */
public final class Nfnetlink {
    private Nfnetlink() {}

    public static final int NFGENMSG_LEN = 4;
    /** Offset of the first attribute of an nfnetlink message. */
    public static final int ATTRS_OFFSET = Netlink.NLMSG_HDRLEN + NFGENMSG_LEN;

    public static final int NFNETLINK_V0 = 0;
    /** Any non-zero version: makes a flush honour {@code nfgen_family} (ctnetlink.md §6.7). */
    public static final int NFNETLINK_V1 = 1;

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static final int NFNL_SUBSYS_NONE = 0;
    public static final int NFNL_SUBSYS_CTNETLINK = 1;
    public static final int NFNL_SUBSYS_CTNETLINK_EXP = 2;
    public static final int NFNL_SUBSYS_CTNETLINK_TIMEOUT = 8;
    public static final int NFNL_SUBSYS_CTHELPER = 9;

    public static final int NFNLGRP_NONE = 0;
    public static final int NFNLGRP_CONNTRACK_NEW = 1;
    public static final int NFNLGRP_CONNTRACK_UPDATE = 2;
    public static final int NFNLGRP_CONNTRACK_DESTROY = 3;
    public static final int NFNLGRP_CONNTRACK_EXP_NEW = 4;
    public static final int NFNLGRP_CONNTRACK_EXP_UPDATE = 5;
    public static final int NFNLGRP_CONNTRACK_EXP_DESTROY = 6;

    /** The legacy {@code nl_groups} bind-mask bit of a group: {@code 1 << (group - 1)}. */
    public static int groupMask(int group) {
        return 1 << (group - 1);
    }

    public static int messageType(int subsystem, int message) {
        return (subsystem << 8) | message;
    }

    public static int subsystemOf(int nlmsgType) {
        return (nlmsgType >>> 8) & 0xff;
    }

    public static int messageOf(int nlmsgType) {
        return nlmsgType & 0xff;
    }
}
