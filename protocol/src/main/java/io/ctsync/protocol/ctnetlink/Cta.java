package io.ctsync.protocol.ctnetlink;

/**
 * ctnetlink attribute ids (uapi {@code nfnetlink_conntrack.h}), one nested class per attribute
 * space, each constant with its payload type. Numbers are fixed by the kernel ABI and never reused.
 * Payload integers are big-endian ("be"); "u8" and "u32 host" are not; addresses are raw network
 * order; nests carry {@code NLA_F_NESTED}.
 */
public final class Cta {
    private Cta() {}

    /** nest: {@link Tuple}. */
    public static final int TUPLE_ORIG = 1;
    /** nest: {@link Tuple}. */
    public static final int TUPLE_REPLY = 2;
    /** be32: {@code IPS_*}. */
    public static final int STATUS = 3;
    /** nest: {@link Protoinfo}. */
    public static final int PROTOINFO = 4;
    /** nest: {@link Help}. */
    public static final int HELP = 5;
    /** nest: {@link Nat} (also known as CTA_NAT). */
    public static final int NAT_SRC = 6;
    /** be32 seconds. */
    public static final int TIMEOUT = 7;
    /** be32. */
    public static final int MARK = 8;
    /** nest: {@link Counters}. */
    public static final int COUNTERS_ORIG = 9;
    /** nest: {@link Counters}. */
    public static final int COUNTERS_REPLY = 10;
    /** be32 reference count. */
    public static final int USE = 11;
    /** be32 object id. */
    public static final int ID = 12;
    /** nest: {@link Nat}. */
    public static final int NAT_DST = 13;
    /** nest: {@link Tuple}. */
    public static final int TUPLE_MASTER = 14;
    /** nest: {@link SeqAdj}. */
    public static final int SEQ_ADJ_ORIG = 15;
    /** nest: {@link SeqAdj}. */
    public static final int SEQ_ADJ_REPLY = 16;
    /** be32, obsolete. */
    public static final int SECMARK = 17;
    /** be16. */
    public static final int ZONE = 18;
    /** nest: {@link Secctx}. */
    public static final int SECCTX = 19;
    /** nest: {@link Timestamp}. */
    public static final int TIMESTAMP = 20;
    /** be32. */
    public static final int MARK_MASK = 21;
    /** bitmap, multiple of 4 bytes, at most 16. */
    public static final int LABELS = 22;
    /** bitmap, same length as {@link #LABELS}. */
    public static final int LABELS_MASK = 23;
    /** nest: {@link Synproxy}. */
    public static final int SYNPROXY = 24;
    /** nest: {@link Filter}. */
    public static final int FILTER = 25;
    /** be32. */
    public static final int STATUS_MASK = 26;
    /** be64 nanoseconds; output only (6.x kernels). */
    public static final int TIMESTAMP_EVENT = 27;

    /** Children of a tuple nest. */
    public static final class Tuple {
        private Tuple() {}

        /** nest: {@link Ip}. */
        public static final int IP = 1;
        /** nest: {@link Proto}. */
        public static final int PROTO = 2;
        /** be16 direction zone. */
        public static final int ZONE = 3;
    }

    /** Children of {@link Tuple#IP}. */
    public static final class Ip {
        private Ip() {}

        /** 4 bytes. */
        public static final int V4_SRC = 1;
        /** 4 bytes. */
        public static final int V4_DST = 2;
        /** 16 bytes. */
        public static final int V6_SRC = 3;
        /** 16 bytes. */
        public static final int V6_DST = 4;
    }

    /** Children of {@link Tuple#PROTO}. */
    public static final class Proto {
        private Proto() {}

        /** u8, mandatory. */
        public static final int NUM = 1;
        /** be16. */
        public static final int SRC_PORT = 2;
        /** be16. */
        public static final int DST_PORT = 3;
        /** be16. */
        public static final int ICMP_ID = 4;
        /** u8. */
        public static final int ICMP_TYPE = 5;
        /** u8. */
        public static final int ICMP_CODE = 6;
        /** be16. */
        public static final int ICMPV6_ID = 7;
        /** u8. */
        public static final int ICMPV6_TYPE = 8;
        /** u8. */
        public static final int ICMPV6_CODE = 9;
    }

    /** Children of {@link Cta#PROTOINFO}. */
    public static final class Protoinfo {
        private Protoinfo() {}

        /** nest: {@link Tcp}. */
        public static final int TCP = 1;
        /** nest: {@link Dccp}. */
        public static final int DCCP = 2;
        /** nest: {@link Sctp}. */
        public static final int SCTP = 3;
    }

    /** Children of {@link Protoinfo#TCP}. */
    public static final class Tcp {
        private Tcp() {}

        /** u8 {@code tcp_conntrack}. */
        public static final int STATE = 1;
        /** u8. */
        public static final int WSCALE_ORIGINAL = 2;
        /** u8. */
        public static final int WSCALE_REPLY = 3;
        /** 2 bytes {u8 flags, u8 mask}. */
        public static final int FLAGS_ORIGINAL = 4;
        /** 2 bytes {u8 flags, u8 mask}. */
        public static final int FLAGS_REPLY = 5;
    }

    /** Children of {@link Protoinfo#DCCP}. */
    public static final class Dccp {
        private Dccp() {}

        /** u8. */
        public static final int STATE = 1;
        /** u8. */
        public static final int ROLE = 2;
        /** be64. */
        public static final int HANDSHAKE_SEQ = 3;
        /** padding. */
        public static final int PAD = 4;
    }

    /** Children of {@link Protoinfo#SCTP}. */
    public static final class Sctp {
        private Sctp() {}

        /** u8. */
        public static final int STATE = 1;
        /** be32. */
        public static final int VTAG_ORIGINAL = 2;
        /** be32. */
        public static final int VTAG_REPLY = 3;
    }

    /** Children of {@link Cta#NAT_SRC} / {@link Cta#NAT_DST}. */
    public static final class Nat {
        private Nat() {}

        /** 4 bytes. */
        public static final int V4_MINIP = 1;
        /** 4 bytes. */
        public static final int V4_MAXIP = 2;
        /** nest: {@link ProtoNat}. */
        public static final int PROTO = 3;
        /** 16 bytes. */
        public static final int V6_MINIP = 4;
        /** 16 bytes. */
        public static final int V6_MAXIP = 5;
    }

    /** Children of {@link Nat#PROTO}. */
    public static final class ProtoNat {
        private ProtoNat() {}

        /** be16. */
        public static final int PORT_MIN = 1;
        /** be16. */
        public static final int PORT_MAX = 2;
    }

    /** Children of {@link Cta#SEQ_ADJ_ORIG} / {@link Cta#SEQ_ADJ_REPLY}. */
    public static final class SeqAdj {
        private SeqAdj() {}

        /** be32. */
        public static final int CORRECTION_POS = 1;
        /** be32. */
        public static final int OFFSET_BEFORE = 2;
        /** be32. */
        public static final int OFFSET_AFTER = 3;
    }

    /** Children of {@link Cta#HELP}. */
    public static final class Help {
        private Help() {}

        /** NUL-terminated string, at most 15 characters. */
        public static final int NAME = 1;
        /** helper-private bytes. */
        public static final int INFO = 2;
    }

    /** Children of {@link Cta#SYNPROXY}. */
    public static final class Synproxy {
        private Synproxy() {}

        /** be32. */
        public static final int ISN = 1;
        /** be32. */
        public static final int ITS = 2;
        /** be32. */
        public static final int TSOFF = 3;
    }

    /** Children of {@link Cta#COUNTERS_ORIG} / {@link Cta#COUNTERS_REPLY}. */
    public static final class Counters {
        private Counters() {}

        /** be64. */
        public static final int PACKETS = 1;
        /** be64. */
        public static final int BYTES = 2;
        /** be32, obsolete. */
        public static final int PACKETS32 = 3;
        /** be32, obsolete. */
        public static final int BYTES32 = 4;
        /** padding. */
        public static final int PAD = 5;
    }

    /** Children of {@link Cta#TIMESTAMP}. */
    public static final class Timestamp {
        private Timestamp() {}

        /** be64 nanoseconds. */
        public static final int START = 1;
        /** be64 nanoseconds. */
        public static final int STOP = 2;
        /** padding. */
        public static final int PAD = 3;
    }

    /** Children of {@link Cta#SECCTX}. */
    public static final class Secctx {
        private Secctx() {}

        /** NUL-terminated string. */
        public static final int NAME = 1;
    }

    /** Children of {@link Cta#FILTER} and the bits of its flag words. */
    public static final class Filter {
        private Filter() {}

        /** u32 host: which fields of {@link Cta#TUPLE_ORIG} must match. */
        public static final int ORIG_FLAGS = 1;
        /** u32 host: which fields of {@link Cta#TUPLE_REPLY} must match. */
        public static final int REPLY_FLAGS = 2;

        public static final int FLAG_IP_SRC = 1;
        public static final int FLAG_IP_DST = 1 << 1;
        public static final int FLAG_TUPLE_ZONE = 1 << 2;
        public static final int FLAG_PROTO_NUM = 1 << 3;
        public static final int FLAG_PROTO_SRC_PORT = 1 << 4;
        public static final int FLAG_PROTO_DST_PORT = 1 << 5;
        public static final int FLAG_ICMP_TYPE = 1 << 6;
        public static final int FLAG_ICMP_CODE = 1 << 7;
        public static final int FLAG_ICMP_ID = 1 << 8;
        public static final int FLAG_ICMPV6_TYPE = 1 << 9;
        public static final int FLAG_ICMPV6_CODE = 1 << 10;
        public static final int FLAG_ICMPV6_ID = 1 << 11;
    }

    /** Attributes of a per-CPU statistics reply ({@code IPCTNL_MSG_CT_GET_STATS_CPU}), all be32. */
    public static final class StatsCpu {
        private StatsCpu() {}

        public static final int SEARCHED = 1;
        public static final int FOUND = 2;
        public static final int NEW = 3;
        public static final int INVALID = 4;
        public static final int IGNORE = 5;
        public static final int DELETE = 6;
        public static final int DELETE_LIST = 7;
        public static final int INSERT = 8;
        public static final int INSERT_FAILED = 9;
        public static final int DROP = 10;
        public static final int EARLY_DROP = 11;
        public static final int ERROR = 12;
        public static final int SEARCH_RESTART = 13;
        public static final int CLASH_RESOLVE = 14;
        public static final int CHAIN_TOOLONG = 15;
    }

    /** Attributes of a global statistics reply ({@code IPCTNL_MSG_CT_GET_STATS}), be32. */
    public static final class StatsGlobal {
        private StatsGlobal() {}

        public static final int ENTRIES = 1;
        public static final int MAX_ENTRIES = 2;
    }

    /** Attributes of a per-CPU expectation statistics reply, be32. */
    public static final class StatsExp {
        private StatsExp() {}

        public static final int NEW = 1;
        public static final int CREATE = 2;
        public static final int DELETE = 3;
    }

    /** Top-level attributes of expectation messages ({@code CTA_EXPECT_*}). */
    public static final class Expect {
        private Expect() {}

        /** nest: {@link Tuple}. */
        public static final int MASTER = 1;
        /** nest: {@link Tuple}. */
        public static final int TUPLE = 2;
        /** nest: {@link Tuple}. */
        public static final int MASK = 3;
        /** be32 seconds. */
        public static final int TIMEOUT = 4;
        /** be32. */
        public static final int ID = 5;
        /** NUL-terminated string. */
        public static final int HELP_NAME = 6;
        /** be16. */
        public static final int ZONE = 7;
        /** be32: PERMANENT 0x1, INACTIVE 0x2, USERSPACE 0x4. */
        public static final int FLAGS = 8;
        /** be32. */
        public static final int CLASS = 9;
        /** nest: {@link ExpectNat}. */
        public static final int NAT = 10;
        /** NUL-terminated string. */
        public static final int FN = 11;
    }

    /** Children of {@link Expect#NAT}. */
    public static final class ExpectNat {
        private ExpectNat() {}

        /** be32: 0 original, 1 reply. */
        public static final int DIR = 1;
        /** nest: {@link Tuple}. */
        public static final int TUPLE = 2;
    }
}
