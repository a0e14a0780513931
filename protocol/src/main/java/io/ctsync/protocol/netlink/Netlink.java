package io.ctsync.protocol.netlink;

/**
 * Netlink framing constants (uapi {@code linux/netlink.h}) and the alignment helper.
 *
 * <pre>
 * nlmsghdr, 16 bytes, HOST byte order
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                nlmsg_len (header + payload, no tail pad)      |  0
 * +-------------------------------+-------------------------------+
 * |   nlmsg_type (subsys<<8|msg)  |   nlmsg_flags (NLM_F_*)       |  4
 * +-------------------------------+-------------------------------+
 * |                nlmsg_seq (echoed in replies, 0 in events)     |  8
 * +---------------------------------------------------------------+
 * |                nlmsg_pid (sender port id, 0 = kernel)         | 12
 * +---------------------------------------------------------------+
 * | payload ... zero padding to a 4-byte boundary                 | 16
 *
 * nlattr, 4-byte header, HOST byte order
 * +-------------------------------+-+-+---------------------------+
 * |  nla_len (header + payload,   |N|O|  type (14 bits)           |
 * |  no padding)                  | | |                           |
 * +-------------------------------+-+-+---------------------------+
 * | payload ... zero padding to a 4-byte boundary                 |
 *   N = NLA_F_NESTED (0x8000), O = NLA_F_NET_BYTEORDER (0x4000)
 *
 * nlmsgerr (payload of NLMSG_ERROR), at least 20 bytes
 * +---------------------------------------------------------------+
 * |  error (s32, host order): 0 = ACK, otherwise -errno           |  0
 * +---------------------------------------------------------------+
 * |  original nlmsghdr (16 bytes)                                 |  4
 * +---------------------------------------------------------------+
 * |  original payload (absent when NLM_F_CAPPED), aligned         | 20
 * +---------------------------------------------------------------+
 * |  extended-ack TLVs (only when NLM_F_ACK_TLVS)                 |
 * </pre>
 */
public final class Netlink {
    private Netlink() {}

    public static final int ALIGNTO = 4;

    public static final int NLMSG_HDRLEN = 16;
    public static final int NLA_HDRLEN = 4;
    public static final int NLMSGERR_LEN = 20;

    public static final int OFF_LEN = 0;
    public static final int OFF_TYPE = 4;
    public static final int OFF_FLAGS = 6;
    public static final int OFF_SEQ = 8;
    public static final int OFF_PID = 12;

    public static final int NLA_OFF_LEN = 0;
    public static final int NLA_OFF_TYPE = 2;

    public static final int NLM_F_REQUEST = 0x001;
    public static final int NLM_F_MULTI = 0x002;
    public static final int NLM_F_ACK = 0x004;
    public static final int NLM_F_ECHO = 0x008;
    public static final int NLM_F_DUMP_INTR = 0x010;
    public static final int NLM_F_DUMP_FILTERED = 0x020;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;
    public static final int NLMSG_MIN_TYPE = 16;

    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int NLA_TYPE_MASK = 0x3fff;

    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    public static final int NLMSGERR_ATTR_POLICY = 4;
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    /** Rounds {@code n} up to the next multiple of {@link #ALIGNTO}. */
    public static int align(int n) {
        return (n + ALIGNTO - 1) & ~(ALIGNTO - 1);
    }
}
