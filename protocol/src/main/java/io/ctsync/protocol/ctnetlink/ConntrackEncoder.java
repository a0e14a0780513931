package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.Counters;
import io.ctsync.protocol.conntrack.DccpInfo;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.Labels;
import io.ctsync.protocol.conntrack.NatRange;
import io.ctsync.protocol.conntrack.SctpInfo;
import io.ctsync.protocol.conntrack.SeqAdj;
import io.ctsync.protocol.conntrack.Synproxy;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.Timestamp;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import io.ctsync.protocol.netlink.Nfnetlink;

/**
 * Writes conntrack requests (ctnetlink subsystem 1) into a {@link NetlinkMessageWriter}, one
 * complete message per call, following the kernel's creation and update rules (ctnetlink.md §8).
 * Every method returns the offset of the message it wrote, for {@link
 * NetlinkMessageWriter#addFlags} (e.g. {@code NLM_F_ACK}) or to map errors back by seq. Nothing is
 * allocated per message; a full buffer throws {@link java.nio.BufferOverflowException} (then call
 * {@link NetlinkMessageWriter#abortMessage()} and send what is complete).
 */
public final class ConntrackEncoder {
    private ConntrackEncoder() {}

    /** Upper bound of one create/update/entry message, for sizing batch buffers. */
    public static final int MAX_ENTRY_MESSAGE_BYTES = 1024;

    /** How a {@code CT_NEW} request treats an existing entry. */
    public enum CreateMode {
        /** {@code NLM_F_CREATE | NLM_F_EXCL}: fail with EEXIST if it exists. */
        EXCLUSIVE(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL),
        /** {@code NLM_F_CREATE}: create, or update if it exists. */
        UPSERT(Netlink.NLM_F_CREATE);

        private final int flags;

        CreateMode(int flags) {
            this.flags = flags;
        }

        public int flags() {
            return flags;
        }
    }

    /**
     * A create request: both tuples, status (CONFIRMED added, EXPECTED/DYING and kernel-derived bits
     * removed, {@link ConntrackStatus#forCreate}), timeout, mark, protocol info, zone, master,
     * NAT ranges, helper, sequence adjustment, labels, synproxy. Read-only fields are left out. The
     * entry must carry a reply tuple and a timeout (the kernel answers EINVAL otherwise); for NAT
     * the reply must be the inverse of the original plus NAT ranges, see {@link
     * io.ctsync.protocol.conntrack.NatRanges#toCreateRequest}.
     */
    public static int create(NetlinkMessageWriter w, int seq, ConntrackEntry e, CreateMode mode) {
        begin(w, CtnlMessage.CT_NEW, Netlink.NLM_F_REQUEST | mode.flags(), seq, e.family());
        tuple(w, Cta.TUPLE_ORIG, e.original());
        if (e.reply() != null) {
            tuple(w, Cta.TUPLE_REPLY, e.reply());
        }
        if (e.hasStatus()) {
            w.putBe32(Cta.STATUS, ConntrackStatus.forCreate(e.status()));
        }
        if (e.hasTimeout()) {
            w.putBe32(Cta.TIMEOUT, e.timeout());
        }
        if (e.hasMark()) {
            w.putBe32(Cta.MARK, e.mark());
        }
        protoinfo(w, e);
        if (e.hasZone()) {
            w.putBe16(Cta.ZONE, e.zone());
        }
        if (e.master() != null) {
            tuple(w, Cta.TUPLE_MASTER, e.master());
        }
        if (e.natSource() != null) {
            nat(w, Cta.NAT_SRC, e.natSource());
        }
        if (e.natDestination() != null) {
            nat(w, Cta.NAT_DST, e.natDestination());
        }
        if (e.helper() != null) {
            int h = w.beginNested(Cta.HELP);
            w.putString(Cta.Help.NAME, e.helper());
            w.endNested(h);
        }
        seqAdjAndRest(w, e);
        return w.endMessage();
    }

    /**
     * An update request ({@code CT_NEW} without CREATE: ENOENT if the entry is missing): the tuples
     * as lookup key, then status (CONFIRMED kept set, DYING removed; bits can only be added),
     * timeout, mark and mark mask, protocol info, zone, sequence adjustment, labels, synproxy. NAT
     * ranges, master tuple and helper are left out, as the kernel rejects them on existing entries.
     */
    public static int update(NetlinkMessageWriter w, int seq, ConntrackEntry e) {
        begin(w, CtnlMessage.CT_NEW, Netlink.NLM_F_REQUEST, seq, e.family());
        tuple(w, Cta.TUPLE_ORIG, e.original());
        if (e.reply() != null) {
            tuple(w, Cta.TUPLE_REPLY, e.reply());
        }
        if (e.hasStatus()) {
            w.putBe32(Cta.STATUS, (e.status() | ConntrackStatus.CONFIRMED) & ~ConntrackStatus.DYING);
        }
        if (e.hasTimeout()) {
            w.putBe32(Cta.TIMEOUT, e.timeout());
        }
        if (e.hasMark()) {
            w.putBe32(Cta.MARK, e.mark());
        }
        if (e.hasMarkMask()) {
            w.putBe32(Cta.MARK_MASK, e.markMask());
        }
        protoinfo(w, e);
        if (e.hasZone()) {
            w.putBe16(Cta.ZONE, e.zone());
        }
        seqAdjAndRest(w, e);
        return w.endMessage();
    }

    /** A GET of one entry by original tuple and zone ({@code zone} &lt; 0: default zone, no attribute). */
    public static int get(NetlinkMessageWriter w, int seq, Tuple original, int zone) {
        begin(w, CtnlMessage.CT_GET, Netlink.NLM_F_REQUEST, seq, original.family());
        tuple(w, Cta.TUPLE_ORIG, original);
        if (zone >= 0) {
            w.putBe16(Cta.ZONE, zone);
        }
        return w.endMessage();
    }

    /** A DELETE of one entry by original tuple and zone ({@code zone} &lt; 0: no attribute). */
    public static int delete(NetlinkMessageWriter w, int seq, Tuple original, int zone) {
        begin(w, CtnlMessage.CT_DELETE, Netlink.NLM_F_REQUEST, seq, original.family());
        tuple(w, Cta.TUPLE_ORIG, original);
        if (zone >= 0) {
            w.putBe16(Cta.ZONE, zone);
        }
        return w.endMessage();
    }

    /** A DELETE guarded by the kernel object id: ENOENT unless the entry still has that {@code CTA_ID}. */
    public static int delete(NetlinkMessageWriter w, int seq, Tuple original, int zone, int id) {
        begin(w, CtnlMessage.CT_DELETE, Netlink.NLM_F_REQUEST, seq, original.family());
        tuple(w, Cta.TUPLE_ORIG, original);
        if (zone >= 0) {
            w.putBe16(Cta.ZONE, zone);
        }
        w.putBe32(Cta.ID, id);
        return w.endMessage();
    }

    /** A dump request ({@code CT_GET} with {@code NLM_F_DUMP}); replies are CT_NEW parts, then NLMSG_DONE. */
    public static int dump(NetlinkMessageWriter w, int seq, DumpFilter filter) {
        return dumpOf(w, CtnlMessage.CT_GET, seq, filter);
    }

    /** Like {@link #dump} but atomically zeroes the counters it reports ({@code CT_GET_CTRZERO}). */
    public static int dumpAndZeroCounters(NetlinkMessageWriter w, int seq, DumpFilter filter) {
        return dumpOf(w, CtnlMessage.CT_GET_CTRZERO, seq, filter);
    }

    /** A dump of the entries waiting for event delivery ({@code CT_GET_DYING}). */
    public static int dumpDying(NetlinkMessageWriter w, int seq, int family) {
        return dumpOf(w, CtnlMessage.CT_GET_DYING, seq, DumpFilter.family(family));
    }

    private static int dumpOf(NetlinkMessageWriter w, int type, int seq, DumpFilter f) {
        begin(w, type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, f.family());
        filterAttributes(w, f);
        return w.endMessage();
    }

    /**
     * A flush (DELETE without tuple), with {@code nfgenmsg.version} 1 so that the kernel honours
     * {@code family}: a version-0 AF_INET flush would also remove IPv6 entries (ctnetlink.md §6.7).
     */
    public static int flush(NetlinkMessageWriter w, int seq, DumpFilter filter) {
        w.beginMessage(CtnlMessage.CT_DELETE, Netlink.NLM_F_REQUEST, seq, 0)
                .nfgenmsg(filter.family(), Nfnetlink.NFNETLINK_V1, 0);
        filterAttributes(w, filter);
        return w.endMessage();
    }

    /** A flush of one family (AF_UNSPEC: all). */
    public static int flush(NetlinkMessageWriter w, int seq, int family) {
        return flush(w, seq, DumpFilter.family(family));
    }

    /** Per-CPU statistics (a dump: one reply per CPU, then NLMSG_DONE). */
    public static int getStatsCpu(NetlinkMessageWriter w, int seq) {
        begin(w, CtnlMessage.CT_GET_STATS_CPU, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, Nfnetlink.AF_UNSPEC);
        return w.endMessage();
    }

    /** Table size and limit (one reply). */
    public static int getStats(NetlinkMessageWriter w, int seq) {
        begin(w, CtnlMessage.CT_GET_STATS, Netlink.NLM_F_REQUEST, seq, Nfnetlink.AF_UNSPEC);
        return w.endMessage();
    }

    /**
     * Every field of the entry, read-only and request-only ones included, as a message of the given
     * type and flags: what a dump reply or event carries (plus NAT ranges and masks). For tests,
     * fixtures and tools; the kernel rejects some of these fields in requests.
     */
    public static int entry(NetlinkMessageWriter w, int type, int flags, int seq, int pid, ConntrackEntry e) {
        w.beginMessage(type, flags, seq, pid).nfgenmsg(e.family(), Nfnetlink.NFNETLINK_V0, 0);
        tuple(w, Cta.TUPLE_ORIG, e.original());
        if (e.reply() != null) {
            tuple(w, Cta.TUPLE_REPLY, e.reply());
        }
        if (e.hasStatus()) {
            w.putBe32(Cta.STATUS, e.status());
        }
        counters(w, Cta.COUNTERS_ORIG, e.countersOriginal());
        counters(w, Cta.COUNTERS_REPLY, e.countersReply());
        Timestamp ts = e.timestamp();
        if (ts != null) {
            int n = w.beginNested(Cta.TIMESTAMP);
            w.putBe64(Cta.Timestamp.START, ts.start());
            if (ts.stop() != 0) {
                w.putBe64(Cta.Timestamp.STOP, ts.stop());
            }
            w.endNested(n);
        }
        if (e.hasTimeout()) {
            w.putBe32(Cta.TIMEOUT, e.timeout());
        }
        protoinfo(w, e);
        if (e.helper() != null) {
            int h = w.beginNested(Cta.HELP);
            w.putString(Cta.Help.NAME, e.helper());
            w.endNested(h);
        }
        if (e.hasMark()) {
            w.putBe32(Cta.MARK, e.mark());
        }
        if (e.hasMarkMask()) {
            w.putBe32(Cta.MARK_MASK, e.markMask());
        }
        if (e.secctx() != null) {
            int s = w.beginNested(Cta.SECCTX);
            w.putString(Cta.Secctx.NAME, e.secctx());
            w.endNested(s);
        }
        if (e.hasSecmark()) {
            w.putBe32(Cta.SECMARK, e.secmark());
        }
        if (e.hasZone()) {
            w.putBe16(Cta.ZONE, e.zone());
        }
        if (e.hasId()) {
            w.putBe32(Cta.ID, e.id());
        }
        if (e.hasUse()) {
            w.putBe32(Cta.USE, e.use());
        }
        if (e.master() != null) {
            tuple(w, Cta.TUPLE_MASTER, e.master());
        }
        if (e.natSource() != null) {
            nat(w, Cta.NAT_SRC, e.natSource());
        }
        if (e.natDestination() != null) {
            nat(w, Cta.NAT_DST, e.natDestination());
        }
        seqAdjAndRest(w, e);
        if (e.hasEventTimestamp()) {
            w.putBe64(Cta.TIMESTAMP_EVENT, e.eventTimestamp());
        }
        return w.endMessage();
    }

    private static void begin(NetlinkMessageWriter w, int type, int flags, int seq, int family) {
        w.beginMessage(type, flags, seq, 0).nfgenmsg(family, Nfnetlink.NFNETLINK_V0, 0);
    }

    private static void filterAttributes(NetlinkMessageWriter w, DumpFilter f) {
        if (f.mark() != null) {
            w.putBe32(Cta.MARK, f.mark());
            w.putBe32(Cta.MARK_MASK, f.markMask() != null ? f.markMask() : -1);
        }
        if (f.zone() != null) {
            w.putBe16(Cta.ZONE, f.zone());
        }
        if (f.status() != null) {
            w.putBe32(Cta.STATUS, f.status());
            w.putBe32(Cta.STATUS_MASK, f.statusMask() != null ? f.statusMask() : f.status());
        }
    }

    private static void seqAdjAndRest(NetlinkMessageWriter w, ConntrackEntry e) {
        seqAdj(w, Cta.SEQ_ADJ_ORIG, e.seqAdjOriginal());
        seqAdj(w, Cta.SEQ_ADJ_REPLY, e.seqAdjReply());
        Labels labels = e.labels();
        if (labels != null) {
            putLabels(w, Cta.LABELS, labels);
        }
        Labels mask = e.labelsMask();
        if (mask != null) {
            putLabels(w, Cta.LABELS_MASK, mask);
        }
        Synproxy sp = e.synproxy();
        if (sp != null) {
            int n = w.beginNested(Cta.SYNPROXY);
            w.putBe32(Cta.Synproxy.ISN, sp.isn());
            w.putBe32(Cta.Synproxy.ITS, sp.its());
            w.putBe32(Cta.Synproxy.TSOFF, sp.tsoff());
            w.endNested(n);
        }
    }

    private static void putLabels(NetlinkMessageWriter w, int type, Labels labels) {
        w.putBytes(type, labels.toBytes());
    }

    /** Writes a tuple nest: IP nest, PROTO nest, then the direction zone if any. */
    public static void tuple(NetlinkMessageWriter w, int type, Tuple t) {
        int n = w.beginNested(type);
        int ip = w.beginNested(Cta.Tuple.IP);
        if (t.isV6()) {
            w.putBe128(Cta.Ip.V6_SRC, t.src().hi(), t.src().lo());
            w.putBe128(Cta.Ip.V6_DST, t.dst().hi(), t.dst().lo());
        } else {
            w.putBe32(Cta.Ip.V4_SRC, t.src().v4Bits());
            w.putBe32(Cta.Ip.V4_DST, t.dst().v4Bits());
        }
        w.endNested(ip);
        int p = w.beginNested(Cta.Tuple.PROTO);
        int proto = t.protocol();
        w.putU8(Cta.Proto.NUM, proto);
        if (proto == IpProtocol.ICMP) {
            w.putBe16(Cta.Proto.ICMP_ID, t.icmpId());
            w.putU8(Cta.Proto.ICMP_TYPE, t.icmpType());
            w.putU8(Cta.Proto.ICMP_CODE, t.icmpCode());
        } else if (proto == IpProtocol.ICMPV6) {
            w.putBe16(Cta.Proto.ICMPV6_ID, t.icmpId());
            w.putU8(Cta.Proto.ICMPV6_TYPE, t.icmpType());
            w.putU8(Cta.Proto.ICMPV6_CODE, t.icmpCode());
        } else if (IpProtocol.hasPorts(proto) || t.srcPort() != 0 || t.dstPort() != 0) {
            w.putBe16(Cta.Proto.SRC_PORT, t.srcPort());
            w.putBe16(Cta.Proto.DST_PORT, t.dstPort());
        }
        w.endNested(p);
        if (t.hasZone()) {
            w.putBe16(Cta.Tuple.ZONE, t.zone());
        }
        w.endNested(n);
    }

    private static void protoinfo(NetlinkMessageWriter w, ConntrackEntry e) {
        TcpInfo tcp = e.tcp();
        SctpInfo sctp = e.sctp();
        DccpInfo dccp = e.dccp();
        if (tcp == null && sctp == null && dccp == null) {
            return;
        }
        int pi = w.beginNested(Cta.PROTOINFO);
        if (tcp != null) {
            int n = w.beginNested(Cta.Protoinfo.TCP);
            w.putU8(Cta.Tcp.STATE, tcp.state().value());
            if (tcp.originalWscale() != TcpInfo.ABSENT) {
                w.putU8(Cta.Tcp.WSCALE_ORIGINAL, tcp.originalWscale());
            }
            if (tcp.replyWscale() != TcpInfo.ABSENT) {
                w.putU8(Cta.Tcp.WSCALE_REPLY, tcp.replyWscale());
            }
            if (tcp.hasOriginalFlags()) {
                w.putBe16(Cta.Tcp.FLAGS_ORIGINAL, (tcp.originalFlags() << 8) | tcp.originalMask());
            }
            if (tcp.hasReplyFlags()) {
                w.putBe16(Cta.Tcp.FLAGS_REPLY, (tcp.replyFlags() << 8) | tcp.replyMask());
            }
            w.endNested(n);
        } else if (sctp != null) {
            int n = w.beginNested(Cta.Protoinfo.SCTP);
            w.putU8(Cta.Sctp.STATE, sctp.state().value());
            w.putBe32(Cta.Sctp.VTAG_ORIGINAL, sctp.vtagOriginal());
            w.putBe32(Cta.Sctp.VTAG_REPLY, sctp.vtagReply());
            w.endNested(n);
        } else {
            int n = w.beginNested(Cta.Protoinfo.DCCP);
            w.putU8(Cta.Dccp.STATE, dccp.state().value());
            if (dccp.hasRole()) {
                w.putU8(Cta.Dccp.ROLE, dccp.role());
            }
            if (dccp.hasHandshakeSeq()) {
                w.putBe64(Cta.Dccp.HANDSHAKE_SEQ, dccp.handshakeSeq());
            }
            w.endNested(n);
        }
        w.endNested(pi);
    }

    private static void nat(NetlinkMessageWriter w, int type, NatRange r) {
        int n = w.beginNested(type);
        address(w, Cta.Nat.V4_MINIP, Cta.Nat.V6_MINIP, r.minIp());
        address(w, Cta.Nat.V4_MAXIP, Cta.Nat.V6_MAXIP, r.maxIp());
        if (r.hasPorts()) {
            int p = w.beginNested(Cta.Nat.PROTO);
            if (r.minPort() != NatRange.ABSENT) {
                w.putBe16(Cta.ProtoNat.PORT_MIN, r.minPort());
            }
            if (r.maxPort() != NatRange.ABSENT) {
                w.putBe16(Cta.ProtoNat.PORT_MAX, r.maxPort());
            }
            w.endNested(p);
        }
        w.endNested(n);
    }

    private static void address(NetlinkMessageWriter w, int v4Type, int v6Type, IpAddress a) {
        if (a == null) {
            return;
        }
        if (a.isV6()) {
            w.putBe128(v6Type, a.hi(), a.lo());
        } else {
            w.putBe32(v4Type, a.v4Bits());
        }
    }

    private static void seqAdj(NetlinkMessageWriter w, int type, SeqAdj s) {
        if (s == null) {
            return;
        }
        int n = w.beginNested(type);
        w.putBe32(Cta.SeqAdj.CORRECTION_POS, s.correctionPos());
        w.putBe32(Cta.SeqAdj.OFFSET_BEFORE, s.offsetBefore());
        w.putBe32(Cta.SeqAdj.OFFSET_AFTER, s.offsetAfter());
        w.endNested(n);
    }

    private static void counters(NetlinkMessageWriter w, int type, Counters c) {
        if (c == null) {
            return;
        }
        int n = w.beginNested(type);
        w.putBe64(Cta.Counters.PACKETS, c.packets());
        w.putBe64(Cta.Counters.BYTES, c.bytes());
        w.endNested(n);
    }
}
