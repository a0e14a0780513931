package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.Counters;
import io.ctsync.protocol.conntrack.DccpInfo;
import io.ctsync.protocol.conntrack.DccpState;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.ExpectationNat;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.Labels;
import io.ctsync.protocol.conntrack.NatRange;
import io.ctsync.protocol.conntrack.SctpInfo;
import io.ctsync.protocol.conntrack.SctpState;
import io.ctsync.protocol.conntrack.SeqAdj;
import io.ctsync.protocol.conntrack.Synproxy;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Timestamp;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkAttributeReader;
import io.ctsync.protocol.netlink.NetlinkError;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import io.ctsync.protocol.netlink.Nfnetlink;
import java.nio.ByteBuffer;

/**
 * Decodes received ctnetlink datagrams (events, dump parts, GET replies, statistics, ACKs and
 * errors, NLMSG_DONE) and hands each result to a {@link CtnetlinkHandler}, in order. Malformed
 * input never throws: a bad message is counted under a {@link DropReason} and skipped, and
 * decoding goes on with the next message (or stops for the datagram when its framing is broken).
 * Unknown attributes are skipped. One instance per reading thread; it reuses its cursors and
 * builder, so the only allocations are the decoded objects themselves.
 */
public final class CtnetlinkDecoder {
    private static final int MAX_DEPTH = 6;
    private static final int CREATE_EXCL = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

    private final CtnetlinkHandler handler;
    private final NetlinkMessageReader messages = new NetlinkMessageReader();
    private final NetlinkAttributeReader[] readers = new NetlinkAttributeReader[MAX_DEPTH];
    private final ConntrackEntry.Builder builder = ConntrackEntry.builder();
    private final long[] drops = new long[DropReason.values().length];
    private long decoded;

    private DropReason drop;
    private int family;
    private ByteBuffer buf;

    public CtnetlinkDecoder(CtnetlinkHandler handler) {
        this.handler = handler;
        for (int i = 0; i < MAX_DEPTH; i++) {
            readers[i] = new NetlinkAttributeReader();
        }
    }

    /** Decodes the bytes {@code [offset, offset + length)} of {@code datagram} (absolute indexes). */
    public void decode(ByteBuffer datagram, int offset, int length) {
        messages.reset(datagram, offset, length);
        buf = messages.buffer();
        while (messages.next()) {
            decodeMessage();
        }
        if (messages.error() != null) {
            dropped(messages.error(), -1, 0);
        }
    }

    /** Decodes {@code datagram} from its position to its limit (the position is not moved). */
    public void decode(ByteBuffer datagram) {
        decode(datagram, datagram.position(), datagram.remaining());
    }

    /** Messages decoded and delivered (ACKs, errors and DONE included). */
    public long decodedMessages() {
        return decoded;
    }

    public long dropped(DropReason reason) {
        return drops[reason.ordinal()];
    }

    public long droppedTotal() {
        long n = 0;
        for (long d : drops) {
            n += d;
        }
        return n;
    }

    private void decodeMessage() {
        int type = messages.type();
        int seq = messages.seq();
        switch (type) {
            case Netlink.NLMSG_NOOP:
            case Netlink.NLMSG_OVERRUN:
                return;
            case Netlink.NLMSG_ERROR: {
                NetlinkError e = NetlinkError.decode(messages);
                if (e == null) {
                    dropped(DropReason.TRUNCATED_PAYLOAD, type, seq);
                } else {
                    decoded++;
                    handler.onError(e);
                }
                return;
            }
            case Netlink.NLMSG_DONE: {
                int errno = messages.doneErrno();
                decoded++;
                handler.onDone(seq, messages.pid(), Math.max(errno, 0));
                return;
            }
            default:
                break;
        }
        int payloadLength = messages.payloadLength();
        if (payloadLength < Nfnetlink.NFGENMSG_LEN) {
            dropped(
                    type < Netlink.NLMSG_MIN_TYPE ? DropReason.UNKNOWN_MESSAGE_TYPE : DropReason.TRUNCATED_PAYLOAD,
                    type,
                    seq);
            return;
        }
        int p = messages.payloadOffset();
        family = buf.get(p) & 0xff;
        int resId = ((buf.get(p + 2) & 0xff) << 8) | (buf.get(p + 3) & 0xff);
        int attrs = p + Nfnetlink.NFGENMSG_LEN;
        int attrsLength = payloadLength - Nfnetlink.NFGENMSG_LEN;
        drop = null;
        Object result;
        try {
            switch (type) {
                case CtnlMessage.CT_NEW:
                case CtnlMessage.CT_DELETE:
                    result = conntrack(attrs, attrsLength);
                    break;
                case CtnlMessage.EXP_NEW:
                case CtnlMessage.EXP_DELETE:
                    result = expectation(attrs, attrsLength);
                    break;
                case CtnlMessage.CT_GET_STATS_CPU:
                    result = cpuStats(resId, attrs, attrsLength);
                    break;
                case CtnlMessage.CT_GET_STATS:
                    result = globalStats(attrs, attrsLength);
                    break;
                case CtnlMessage.EXP_STATS_CPU_REPLY:
                case CtnlMessage.EXP_GET_STATS_CPU:
                    result = expectationStats(resId, attrs, attrsLength);
                    break;
                default:
                    drop = DropReason.UNKNOWN_MESSAGE_TYPE;
                    result = null;
            }
        } catch (RuntimeException bug) {
            drop = DropReason.DECODER_FAULT;
            result = null;
        }
        if (result == null) {
            dropped(drop != null ? drop : DropReason.DECODER_FAULT, type, seq);
            return;
        }
        decoded++;
        deliver(type, result);
    }

    private void deliver(int type, Object result) {
        int flags = messages.flags();
        int seq = messages.seq();
        int pid = messages.pid();
        if (result instanceof ConntrackEntry) {
            handler.onConntrack(new ConntrackMessage(
                    kind(type == CtnlMessage.CT_DELETE, flags, seq), (ConntrackEntry) result, seq, pid, flags));
        } else if (result instanceof Expectation) {
            handler.onExpectation(new ExpectationMessage(
                    kind(type == CtnlMessage.EXP_DELETE, flags, seq), (Expectation) result, seq, pid, flags));
        } else if (result instanceof CpuStats) {
            handler.onCpuStats((CpuStats) result);
        } else if (result instanceof GlobalStats) {
            handler.onGlobalStats((GlobalStats) result);
        } else if (result instanceof ExpectationCpuStats) {
            handler.onExpectationCpuStats((ExpectationCpuStats) result);
        }
    }

    private static MessageKind kind(boolean delete, int flags, int seq) {
        if (delete) {
            return MessageKind.DESTROY;
        }
        if ((flags & Netlink.NLM_F_MULTI) != 0) {
            return MessageKind.DUMP;
        }
        if ((flags & CREATE_EXCL) != 0) {
            return MessageKind.NEW;
        }
        return seq != 0 ? MessageKind.GET_REPLY : MessageKind.UPDATE;
    }

    private void dropped(DropReason reason, int type, int seq) {
        drops[reason.ordinal()]++;
        handler.onDrop(reason, type, seq);
    }

    private boolean fail(DropReason reason) {
        if (drop == null) {
            drop = reason;
        }
        return false;
    }

    private boolean checkFamily() {
        return family == Nfnetlink.AF_INET || family == Nfnetlink.AF_INET6 || fail(DropReason.BAD_FAMILY);
    }

    private ConntrackEntry conntrack(int offset, int length) {
        if (!checkFamily()) {
            return null;
        }
        ConntrackEntry.Builder b = builder.reset();
        NetlinkAttributeReader a = readers[0].reset(buf, offset, length);
        while (a.next()) {
            switch (a.type()) {
                case Cta.TUPLE_ORIG: {
                    Tuple t = tuple(a, 1);
                    if (t == null) {
                        return null;
                    }
                    b.original(t);
                    break;
                }
                case Cta.TUPLE_REPLY: {
                    Tuple t = tuple(a, 1);
                    if (t == null) {
                        return null;
                    }
                    b.reply(t);
                    break;
                }
                case Cta.TUPLE_MASTER: {
                    Tuple t = tuple(a, 1);
                    if (t == null) {
                        return null;
                    }
                    b.master(t);
                    break;
                }
                case Cta.STATUS:
                    if (a.expectAtLeast(4)) {
                        b.status(a.be32());
                    }
                    break;
                case Cta.TIMEOUT:
                    if (a.expectAtLeast(4)) {
                        b.timeout(a.be32());
                    }
                    break;
                case Cta.MARK:
                    if (a.expectAtLeast(4)) {
                        b.mark(a.be32());
                    }
                    break;
                case Cta.MARK_MASK:
                    if (a.expectAtLeast(4)) {
                        b.markMask(a.be32());
                    }
                    break;
                case Cta.ID:
                    if (a.expectAtLeast(4)) {
                        b.id(a.be32());
                    }
                    break;
                case Cta.USE:
                    if (a.expectAtLeast(4)) {
                        b.use(a.be32());
                    }
                    break;
                case Cta.SECMARK:
                    if (a.expectAtLeast(4)) {
                        b.secmark(a.be32());
                    }
                    break;
                case Cta.ZONE:
                    if (a.expectAtLeast(2)) {
                        b.zone(a.be16());
                    }
                    break;
                case Cta.TIMESTAMP_EVENT:
                    if (a.expectAtLeast(8)) {
                        b.eventTimestamp(a.be64());
                    }
                    break;
                case Cta.PROTOINFO:
                    if (!protoinfo(a, b)) {
                        return null;
                    }
                    break;
                case Cta.HELP: {
                    String name = nestedString(a, Cta.Help.NAME);
                    if (drop != null) {
                        return null;
                    }
                    b.helper(name);
                    break;
                }
                case Cta.SECCTX: {
                    String name = nestedString(a, Cta.Secctx.NAME);
                    if (drop != null) {
                        return null;
                    }
                    b.secctx(name);
                    break;
                }
                case Cta.NAT_SRC: {
                    NatRange r = nat(a);
                    if (r == null) {
                        return null;
                    }
                    b.natSource(r);
                    break;
                }
                case Cta.NAT_DST: {
                    NatRange r = nat(a);
                    if (r == null) {
                        return null;
                    }
                    b.natDestination(r);
                    break;
                }
                case Cta.SEQ_ADJ_ORIG: {
                    SeqAdj s = seqAdj(a);
                    if (s == null) {
                        return null;
                    }
                    b.seqAdjOriginal(s);
                    break;
                }
                case Cta.SEQ_ADJ_REPLY: {
                    SeqAdj s = seqAdj(a);
                    if (s == null) {
                        return null;
                    }
                    b.seqAdjReply(s);
                    break;
                }
                case Cta.COUNTERS_ORIG: {
                    Counters c = counters(a);
                    if (c == null) {
                        return null;
                    }
                    b.countersOriginal(c);
                    break;
                }
                case Cta.COUNTERS_REPLY: {
                    Counters c = counters(a);
                    if (c == null) {
                        return null;
                    }
                    b.countersReply(c);
                    break;
                }
                case Cta.TIMESTAMP: {
                    Timestamp t = timestamp(a);
                    if (t == null) {
                        return null;
                    }
                    b.timestamp(t);
                    break;
                }
                case Cta.LABELS: {
                    Labels l = labels(a);
                    if (l == null) {
                        return null;
                    }
                    b.labels(l);
                    break;
                }
                case Cta.LABELS_MASK: {
                    Labels l = labels(a);
                    if (l == null) {
                        return null;
                    }
                    b.labelsMask(l);
                    break;
                }
                case Cta.SYNPROXY: {
                    Synproxy s = synproxy(a);
                    if (s == null) {
                        return null;
                    }
                    b.synproxy(s);
                    break;
                }
                default:
                    break;
            }
        }
        if (a.error() != null) {
            fail(a.error());
            return null;
        }
        if (b.original() == null) {
            fail(DropReason.MISSING_ATTRIBUTE);
            return null;
        }
        return b.build();
    }

    private Tuple tuple(NetlinkAttributeReader parent, int depth) {
        NetlinkAttributeReader t = readers[depth].resetToChildren(parent);
        IpAddress src = null;
        IpAddress dst = null;
        int proto = -1;
        int srcPort = 0;
        int dstPort = 0;
        int zone = Tuple.NO_ZONE;
        while (t.next()) {
            switch (t.type()) {
                case Cta.Tuple.IP: {
                    NetlinkAttributeReader ip = readers[depth + 1].resetToChildren(t);
                    while (ip.next()) {
                        switch (ip.type()) {
                            case Cta.Ip.V4_SRC:
                                if (ip.expectSize(4)) {
                                    src = IpAddress.v4(ip.be32());
                                }
                                break;
                            case Cta.Ip.V4_DST:
                                if (ip.expectSize(4)) {
                                    dst = IpAddress.v4(ip.be32());
                                }
                                break;
                            case Cta.Ip.V6_SRC:
                                if (ip.expectSize(16)) {
                                    src = IpAddress.v6(ip.be64(0), ip.be64(8));
                                }
                                break;
                            case Cta.Ip.V6_DST:
                                if (ip.expectSize(16)) {
                                    dst = IpAddress.v6(ip.be64(0), ip.be64(8));
                                }
                                break;
                            default:
                                break;
                        }
                    }
                    if (ip.error() != null) {
                        fail(ip.error());
                        return null;
                    }
                    break;
                }
                case Cta.Tuple.PROTO: {
                    NetlinkAttributeReader pr = readers[depth + 1].resetToChildren(t);
                    while (pr.next()) {
                        switch (pr.type()) {
                            case Cta.Proto.NUM:
                                if (pr.expectAtLeast(1)) {
                                    proto = pr.u8();
                                }
                                break;
                            case Cta.Proto.SRC_PORT:
                            case Cta.Proto.ICMP_ID:
                            case Cta.Proto.ICMPV6_ID:
                                if (pr.expectAtLeast(2)) {
                                    srcPort = pr.be16();
                                }
                                break;
                            case Cta.Proto.DST_PORT:
                                if (pr.expectAtLeast(2)) {
                                    dstPort = pr.be16();
                                }
                                break;
                            case Cta.Proto.ICMP_TYPE:
                            case Cta.Proto.ICMPV6_TYPE:
                                if (pr.expectAtLeast(1)) {
                                    dstPort = (dstPort & 0xff) | (pr.u8() << 8);
                                }
                                break;
                            case Cta.Proto.ICMP_CODE:
                            case Cta.Proto.ICMPV6_CODE:
                                if (pr.expectAtLeast(1)) {
                                    dstPort = (dstPort & 0xff00) | pr.u8();
                                }
                                break;
                            default:
                                break;
                        }
                    }
                    if (pr.error() != null) {
                        fail(pr.error());
                        return null;
                    }
                    break;
                }
                case Cta.Tuple.ZONE:
                    if (t.expectAtLeast(2)) {
                        zone = t.be16();
                    }
                    break;
                default:
                    break;
            }
        }
        if (t.error() != null) {
            fail(t.error());
            return null;
        }
        if (src == null || dst == null || proto < 0) {
            fail(DropReason.MISSING_ATTRIBUTE);
            return null;
        }
        if (src.family() != family || dst.family() != family) {
            fail(DropReason.BAD_ATTRIBUTE_VALUE);
            return null;
        }
        return new Tuple(src, dst, proto, srcPort, dstPort, zone);
    }

    private boolean protoinfo(NetlinkAttributeReader parent, ConntrackEntry.Builder b) {
        NetlinkAttributeReader pi = readers[1].resetToChildren(parent);
        while (pi.next()) {
            switch (pi.type()) {
                case Cta.Protoinfo.TCP: {
                    TcpInfo tcp = tcp(pi);
                    if (tcp == null) {
                        return false;
                    }
                    b.tcp(tcp);
                    break;
                }
                case Cta.Protoinfo.SCTP: {
                    SctpInfo sctp = sctp(pi);
                    if (sctp == null) {
                        return false;
                    }
                    b.sctp(sctp);
                    break;
                }
                case Cta.Protoinfo.DCCP: {
                    DccpInfo dccp = dccp(pi);
                    if (dccp == null) {
                        return false;
                    }
                    b.dccp(dccp);
                    break;
                }
                default:
                    break;
            }
        }
        return pi.error() == null || fail(pi.error());
    }

    private TcpInfo tcp(NetlinkAttributeReader parent) {
        NetlinkAttributeReader r = readers[2].resetToChildren(parent);
        int state = -1;
        int origFlags = TcpInfo.ABSENT;
        int origMask = 0;
        int replyFlags = TcpInfo.ABSENT;
        int replyMask = 0;
        int origWscale = TcpInfo.ABSENT;
        int replyWscale = TcpInfo.ABSENT;
        while (r.next()) {
            switch (r.type()) {
                case Cta.Tcp.STATE:
                    if (r.expectAtLeast(1)) {
                        state = r.u8();
                    }
                    break;
                case Cta.Tcp.WSCALE_ORIGINAL:
                    if (r.expectAtLeast(1)) {
                        origWscale = r.u8();
                    }
                    break;
                case Cta.Tcp.WSCALE_REPLY:
                    if (r.expectAtLeast(1)) {
                        replyWscale = r.u8();
                    }
                    break;
                case Cta.Tcp.FLAGS_ORIGINAL:
                    if (r.expectAtLeast(2)) {
                        int v = r.be16();
                        origFlags = v >>> 8;
                        origMask = v & 0xff;
                    }
                    break;
                case Cta.Tcp.FLAGS_REPLY:
                    if (r.expectAtLeast(2)) {
                        int v = r.be16();
                        replyFlags = v >>> 8;
                        replyMask = v & 0xff;
                    }
                    break;
                default:
                    break;
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        if (state < 0) {
            fail(DropReason.MISSING_ATTRIBUTE);
            return null;
        }
        TcpState s = TcpState.of(state);
        if (s == null) {
            fail(DropReason.BAD_ATTRIBUTE_VALUE);
            return null;
        }
        return new TcpInfo(s, origFlags, origMask, replyFlags, replyMask, origWscale, replyWscale);
    }

    private SctpInfo sctp(NetlinkAttributeReader parent) {
        NetlinkAttributeReader r = readers[2].resetToChildren(parent);
        int state = -1;
        int vtagOrig = 0;
        int vtagReply = 0;
        while (r.next()) {
            switch (r.type()) {
                case Cta.Sctp.STATE:
                    if (r.expectAtLeast(1)) {
                        state = r.u8();
                    }
                    break;
                case Cta.Sctp.VTAG_ORIGINAL:
                    if (r.expectAtLeast(4)) {
                        vtagOrig = r.be32();
                    }
                    break;
                case Cta.Sctp.VTAG_REPLY:
                    if (r.expectAtLeast(4)) {
                        vtagReply = r.be32();
                    }
                    break;
                default:
                    break;
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        if (state < 0) {
            fail(DropReason.MISSING_ATTRIBUTE);
            return null;
        }
        SctpState s = SctpState.of(state);
        if (s == null) {
            fail(DropReason.BAD_ATTRIBUTE_VALUE);
            return null;
        }
        return new SctpInfo(s, vtagOrig, vtagReply);
    }

    private DccpInfo dccp(NetlinkAttributeReader parent) {
        NetlinkAttributeReader r = readers[2].resetToChildren(parent);
        int state = -1;
        int role = DccpInfo.ABSENT;
        long seq = DccpInfo.NO_HANDSHAKE_SEQ;
        while (r.next()) {
            switch (r.type()) {
                case Cta.Dccp.STATE:
                    if (r.expectAtLeast(1)) {
                        state = r.u8();
                    }
                    break;
                case Cta.Dccp.ROLE:
                    if (r.expectAtLeast(1)) {
                        role = r.u8();
                    }
                    break;
                case Cta.Dccp.HANDSHAKE_SEQ:
                    if (r.expectAtLeast(8)) {
                        seq = r.be64();
                    }
                    break;
                default:
                    break;
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        if (state < 0) {
            fail(DropReason.MISSING_ATTRIBUTE);
            return null;
        }
        DccpState s = DccpState.of(state);
        if (s == null) {
            fail(DropReason.BAD_ATTRIBUTE_VALUE);
            return null;
        }
        return new DccpInfo(s, role, seq);
    }

    private NatRange nat(NetlinkAttributeReader parent) {
        NetlinkAttributeReader r = readers[1].resetToChildren(parent);
        IpAddress min = null;
        IpAddress max = null;
        int minPort = NatRange.ABSENT;
        int maxPort = NatRange.ABSENT;
        while (r.next()) {
            switch (r.type()) {
                case Cta.Nat.V4_MINIP:
                    if (r.expectSize(4)) {
                        min = IpAddress.v4(r.be32());
                    }
                    break;
                case Cta.Nat.V4_MAXIP:
                    if (r.expectSize(4)) {
                        max = IpAddress.v4(r.be32());
                    }
                    break;
                case Cta.Nat.V6_MINIP:
                    if (r.expectSize(16)) {
                        min = IpAddress.v6(r.be64(0), r.be64(8));
                    }
                    break;
                case Cta.Nat.V6_MAXIP:
                    if (r.expectSize(16)) {
                        max = IpAddress.v6(r.be64(0), r.be64(8));
                    }
                    break;
                case Cta.Nat.PROTO: {
                    NetlinkAttributeReader pr = readers[2].resetToChildren(r);
                    while (pr.next()) {
                        if (pr.type() == Cta.ProtoNat.PORT_MIN && pr.expectAtLeast(2)) {
                            minPort = pr.be16();
                        } else if (pr.type() == Cta.ProtoNat.PORT_MAX && pr.expectAtLeast(2)) {
                            maxPort = pr.be16();
                        }
                    }
                    if (pr.error() != null) {
                        fail(pr.error());
                        return null;
                    }
                    break;
                }
                default:
                    break;
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        if (min != null && max != null && min.isV6() != max.isV6()) {
            fail(DropReason.BAD_ATTRIBUTE_VALUE);
            return null;
        }
        return new NatRange(min, max, minPort, maxPort);
    }

    private SeqAdj seqAdj(NetlinkAttributeReader parent) {
        int[] v = threeBe32(parent, Cta.SeqAdj.CORRECTION_POS, Cta.SeqAdj.OFFSET_BEFORE, Cta.SeqAdj.OFFSET_AFTER);
        return v == null ? null : new SeqAdj(v[0], v[1], v[2]);
    }

    /** The be32 children {@code t0}, {@code t1}, {@code t2} of a nest (0 when absent); null after a drop. */
    private int[] threeBe32(NetlinkAttributeReader parent, int t0, int t1, int t2) {
        NetlinkAttributeReader r = readers[1].resetToChildren(parent);
        int[] v = new int[3];
        while (r.next()) {
            int t = r.type();
            int i = t == t0 ? 0 : t == t1 ? 1 : t == t2 ? 2 : -1;
            if (i >= 0 && r.expectAtLeast(4)) {
                v[i] = r.be32();
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        return v;
    }

    private Counters counters(NetlinkAttributeReader parent) {
        NetlinkAttributeReader r = readers[1].resetToChildren(parent);
        long packets = 0;
        long bytes = 0;
        while (r.next()) {
            switch (r.type()) {
                case Cta.Counters.PACKETS:
                    if (r.expectAtLeast(8)) {
                        packets = r.be64();
                    }
                    break;
                case Cta.Counters.BYTES:
                    if (r.expectAtLeast(8)) {
                        bytes = r.be64();
                    }
                    break;
                case Cta.Counters.PACKETS32:
                    if (r.expectAtLeast(4)) {
                        packets = r.be32() & 0xffffffffL;
                    }
                    break;
                case Cta.Counters.BYTES32:
                    if (r.expectAtLeast(4)) {
                        bytes = r.be32() & 0xffffffffL;
                    }
                    break;
                default:
                    break;
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        return new Counters(packets, bytes);
    }

    private Timestamp timestamp(NetlinkAttributeReader parent) {
        NetlinkAttributeReader r = readers[1].resetToChildren(parent);
        long start = 0;
        long stop = 0;
        while (r.next()) {
            if (r.type() == Cta.Timestamp.START && r.expectAtLeast(8)) {
                start = r.be64();
            } else if (r.type() == Cta.Timestamp.STOP && r.expectAtLeast(8)) {
                stop = r.be64();
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        return new Timestamp(start, stop);
    }

    private Synproxy synproxy(NetlinkAttributeReader parent) {
        int[] v = threeBe32(parent, Cta.Synproxy.ISN, Cta.Synproxy.ITS, Cta.Synproxy.TSOFF);
        return v == null ? null : new Synproxy(v[0], v[1], v[2]);
    }

    private Labels labels(NetlinkAttributeReader a) {
        int n = a.payloadLength();
        if (n == 0 || n > Labels.MAX_BYTES || n % 4 != 0) {
            fail(DropReason.BAD_ATTRIBUTE_SIZE);
            return null;
        }
        return Labels.of(a.bytes());
    }

    /** The string child {@code type} of the current nest of {@code parent}; null if absent. */
    private String nestedString(NetlinkAttributeReader parent, int type) {
        NetlinkAttributeReader r = readers[1].resetToChildren(parent);
        String s = null;
        while (r.next()) {
            if (r.type() == type) {
                s = r.string();
            }
        }
        if (r.error() != null) {
            fail(r.error());
        }
        return s;
    }

    private Expectation expectation(int offset, int length) {
        if (!checkFamily()) {
            return null;
        }
        Expectation.Builder b = Expectation.builder();
        NetlinkAttributeReader a = readers[0].reset(buf, offset, length);
        Tuple tuple = null;
        while (a.next()) {
            switch (a.type()) {
                case Cta.Expect.MASTER: {
                    Tuple t = tuple(a, 1);
                    if (t == null) {
                        return null;
                    }
                    b.master(t);
                    break;
                }
                case Cta.Expect.TUPLE: {
                    tuple = tuple(a, 1);
                    if (tuple == null) {
                        return null;
                    }
                    b.tuple(tuple);
                    break;
                }
                case Cta.Expect.MASK: {
                    Tuple t = tuple(a, 1);
                    if (t == null) {
                        return null;
                    }
                    b.mask(t);
                    break;
                }
                case Cta.Expect.TIMEOUT:
                    if (a.expectAtLeast(4)) {
                        b.timeout(a.be32());
                    }
                    break;
                case Cta.Expect.ID:
                    if (a.expectAtLeast(4)) {
                        b.id(a.be32());
                    }
                    break;
                case Cta.Expect.ZONE:
                    if (a.expectAtLeast(2)) {
                        b.zone(a.be16());
                    }
                    break;
                case Cta.Expect.FLAGS:
                    if (a.expectAtLeast(4)) {
                        b.flags(a.be32());
                    }
                    break;
                case Cta.Expect.CLASS:
                    if (a.expectAtLeast(4)) {
                        b.expectClass(a.be32());
                    }
                    break;
                case Cta.Expect.HELP_NAME:
                    b.helper(a.string());
                    break;
                case Cta.Expect.FN:
                    b.function(a.string());
                    break;
                case Cta.Expect.NAT: {
                    ExpectationNat nat = expectationNat(a);
                    if (nat == null) {
                        return null;
                    }
                    b.nat(nat);
                    break;
                }
                default:
                    break;
            }
        }
        if (a.error() != null) {
            fail(a.error());
            return null;
        }
        if (tuple == null) {
            fail(DropReason.MISSING_ATTRIBUTE);
            return null;
        }
        return b.build();
    }

    private ExpectationNat expectationNat(NetlinkAttributeReader parent) {
        NetlinkAttributeReader r = readers[1].resetToChildren(parent);
        int dir = 0;
        Tuple t = null;
        while (r.next()) {
            if (r.type() == Cta.ExpectNat.DIR) {
                if (r.expectAtLeast(4)) {
                    dir = r.be32();
                }
            } else if (r.type() == Cta.ExpectNat.TUPLE) {
                t = tuple(r, 2);
                if (t == null) {
                    return null;
                }
            }
        }
        if (r.error() != null) {
            fail(r.error());
            return null;
        }
        if (t == null) {
            fail(DropReason.MISSING_ATTRIBUTE);
            return null;
        }
        return new ExpectationNat(dir, t);
    }

    private CpuStats cpuStats(int cpu, int offset, int length) {
        NetlinkAttributeReader a = readers[0].reset(buf, offset, length);
        long[] v = new long[Cta.StatsCpu.CHAIN_TOOLONG + 1];
        while (a.next()) {
            int t = a.type();
            if (t < v.length && a.expectAtLeast(4)) {
                v[t] = a.be32() & 0xffffffffL;
            }
        }
        if (a.error() != null) {
            fail(a.error());
            return null;
        }
        return new CpuStats(
                cpu,
                v[Cta.StatsCpu.FOUND],
                v[Cta.StatsCpu.INVALID],
                v[Cta.StatsCpu.INSERT],
                v[Cta.StatsCpu.INSERT_FAILED],
                v[Cta.StatsCpu.DROP],
                v[Cta.StatsCpu.EARLY_DROP],
                v[Cta.StatsCpu.ERROR],
                v[Cta.StatsCpu.SEARCH_RESTART],
                v[Cta.StatsCpu.CLASH_RESOLVE],
                v[Cta.StatsCpu.CHAIN_TOOLONG]);
    }

    private GlobalStats globalStats(int offset, int length) {
        NetlinkAttributeReader a = readers[0].reset(buf, offset, length);
        long entries = 0;
        long max = 0;
        while (a.next()) {
            if (a.type() == Cta.StatsGlobal.ENTRIES && a.expectAtLeast(4)) {
                entries = a.be32() & 0xffffffffL;
            } else if (a.type() == Cta.StatsGlobal.MAX_ENTRIES && a.expectAtLeast(4)) {
                max = a.be32() & 0xffffffffL;
            }
        }
        if (a.error() != null) {
            fail(a.error());
            return null;
        }
        return new GlobalStats(entries, max);
    }

    private ExpectationCpuStats expectationStats(int cpu, int offset, int length) {
        NetlinkAttributeReader a = readers[0].reset(buf, offset, length);
        long created = 0;
        long related = 0;
        long deleted = 0;
        while (a.next()) {
            int t = a.type();
            if (t == Cta.StatsExp.NEW && a.expectAtLeast(4)) {
                created = a.be32() & 0xffffffffL;
            } else if (t == Cta.StatsExp.CREATE && a.expectAtLeast(4)) {
                related = a.be32() & 0xffffffffL;
            } else if (t == Cta.StatsExp.DELETE && a.expectAtLeast(4)) {
                deleted = a.be32() & 0xffffffffL;
            }
        }
        if (a.error() != null) {
            fail(a.error());
            return null;
        }
        return new ExpectationCpuStats(cpu, created, related, deleted);
    }
}
