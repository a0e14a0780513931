package io.ctsync.protocol.sync;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.DccpInfo;
import io.ctsync.protocol.conntrack.DccpState;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.ExpectationNat;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.Labels;
import io.ctsync.protocol.conntrack.SctpInfo;
import io.ctsync.protocol.conntrack.SctpState;
import io.ctsync.protocol.conntrack.SeqAdj;
import io.ctsync.protocol.conntrack.Synproxy;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns received frames into {@link SyncMessage}s, validating the header flags and the attribute
 * walk (compat §3.3, §3.5). A rejected message yields null and one count under its {@link
 * SyncDropReason}; no input makes it throw. Not thread-safe (it reuses its attribute tables): one
 * per receiving thread.
 *
 * <p><b>The receiver's view of a conntrack entry.</b> The decoded {@link ConntrackEntry} is what
 * the standby needs to re-create the entry:
 *
 * <ul>
 *   <li>original tuple from {@code NTA_IPV4|6}, {@code NTA_L4PROTO} and {@code NTA_PORT} (TCP,
 *       UDP, SCTP, DCCP, and any other protocol with ports that sent it) or the ICMP type, code
 *       and id; ports of GRE / UDPLite entries are not on the wire and read 0; no direction zone;
 *   <li>reply tuple always present: {@code original.invert()} with the received NAT applied —
 *       SNAT address as reply dst, SNAT port as reply dport, DNAT address as reply src, DNAT port
 *       as reply sport. So the reply is the NATed reply the sender's kernel had, and {@link
 *       io.ctsync.protocol.conntrack.NatRanges#toCreateRequest} derives the {@code CTA_NAT_SRC} /
 *       {@code CTA_NAT_DST} of a create from it and the status' NAT_DONE bits. NAT ports of ICMP
 *       entries are ignored (conntrackd only ever sends 0 there); so are NAT ports of protocols
 *       without ports;
 *   <li>{@code natSource} / {@code natDestination} stay null (request-only fields);
 *   <li>status, timeout (also the stale one of a CT_DEL), mark, zone as received; TCP state with
 *       the window scales when sent (else {@link TcpInfo#ABSENT}); SCTP state and tags; DCCP
 *       state and role; master tuple (ports 0 when {@code NTA_MASTER_PORT} is absent); helper
 *       name; sequence adjustments; labels as a bitmap of as many bytes as words were sent
 *       (capped at 16; set bits beyond label 127 reject the message); synproxy.
 * </ul>
 *
 * <p>An expectation decodes with its master, tuple and mask (each with ports 0 when the port
 * attribute is absent), timeout, flags, class, NAT (from {@code NTA_EXP_NAT_IPV4}), helper and
 * function; zone and id are not on the wire and stay null.
 *
 * <p>Beyond conntrackd's checks, a message is rejected ({@link
 * SyncDropReason#BAD_ATTRIBUTE_VALUE}) for a state outside its enum, an empty or non-printable
 * name, a NAT address of the other family, or labels beyond bit 127; and ({@link
 * SyncDropReason#MALFORMED_HEADER}) for an ACK or NACK whose range ends before it starts. Helper
 * names of up to 15 characters are accepted (conntrackd accepts 11, compat §12 row 11).
 */
public final class SyncDecoder {
    private final SyncCodecOptions options;
    private final SyncDropSink drops;
    private final SyncFramer framer;
    private final AttributeWalk ct = AttributeWalk.forConntrack();
    private final AttributeWalk exp = AttributeWalk.forExpectation();
    private SyncDropReason failure;

    public SyncDecoder(SyncCodecOptions options, SyncDropSink drops) {
        this.options = Objects.requireNonNull(options, "options");
        this.drops = Objects.requireNonNull(drops, "drops");
        this.framer = new SyncFramer(drops);
    }

    public SyncCodecOptions options() {
        return options;
    }

    /**
     * Frames and decodes every message of one UDP / multicast payload (between its position and
     * limit) and hands each accepted one to {@code out}, in order. Returns the number delivered.
     */
    public int decodeDatagram(ByteBuffer payload, Consumer<? super SyncMessage> out) {
        int[] n = new int[1];
        framer.read(payload, frame -> {
            SyncMessage m = decode(frame);
            if (m != null) {
                n[0]++;
                out.accept(m);
            }
        });
        return n[0];
    }

    /** Decodes one frame; null (and one count) if it is rejected. */
    public SyncMessage decode(SyncFrame frame) {
        switch (frame.kind()) {
            case DATA:
                return decodeData(frame);
            case ACK:
            case NACK:
                int from = frame.from();
                int to = frame.to();
                if (SyncSeq.before(to, from)) {
                    return drop(SyncDropReason.MALFORMED_HEADER);
                }
                return new ControlMessage(
                        frame.kind() == SyncFrame.Kind.ACK ? ControlMessage.Kind.ACK : ControlMessage.Kind.NACK,
                        frame.flags(),
                        frame.seq(),
                        from,
                        to);
            case RESYNC:
                return new ControlMessage(
                        ControlMessage.Kind.RESYNC, frame.flags(), frame.seq(), frame.from(), frame.to());
            case ALIVE:
                return new ControlMessage(ControlMessage.Kind.ALIVE, frame.flags(), frame.seq(), 0, 0);
            case BAD_TYPE:
                return drop(SyncDropReason.UNKNOWN_TYPE);
            default:
                return drop(SyncDropReason.MALFORMED_HEADER);
        }
    }

    /**
     * Decodes the attributes of a conntrack state message occupying [offset, offset + length) of
     * {@code buf} (header included); null (and one count) if they are rejected.
     */
    public ConntrackEntry decodeConntrack(ByteBuffer buf, int offset, int length) {
        if (length < SyncHeader.SIZE || offset < 0 || (long) offset + length > buf.limit()) {
            drop(SyncDropReason.BAD_MESSAGE_SIZE);
            return null;
        }
        SyncDropReason r =
                ct.walk(buf, offset + SyncHeader.SIZE, offset + length, !options.rejectUnknownAttributes(), drops);
        if (r != null) {
            drop(r);
            return null;
        }
        failure = null;
        ConntrackEntry e = buildConntrack(ct);
        if (e == null) {
            drop(failure);
        }
        return e;
    }

    /** Decodes the attributes of an expectation state message; null (and one count) if rejected. */
    public Expectation decodeExpectation(ByteBuffer buf, int offset, int length) {
        if (length < SyncHeader.SIZE || offset < 0 || (long) offset + length > buf.limit()) {
            drop(SyncDropReason.BAD_MESSAGE_SIZE);
            return null;
        }
        SyncDropReason r =
                exp.walk(buf, offset + SyncHeader.SIZE, offset + length, !options.rejectUnknownAttributes(), drops);
        if (r != null) {
            drop(r);
            return null;
        }
        failure = null;
        Expectation x = buildExpectation(exp);
        if (x == null) {
            drop(failure);
        }
        return x;
    }

    private SyncMessage decodeData(SyncFrame f) {
        SyncMessageType type = f.messageType();
        if (type.isConntrack()) {
            ConntrackEntry e = decodeConntrack(f.buffer(), f.offset(), f.length());
            return e == null ? null : new ConntrackStateMessage(type, f.flags(), f.seq(), e);
        }
        Expectation x = decodeExpectation(f.buffer(), f.offset(), f.length());
        return x == null ? null : new ExpectationStateMessage(type, f.flags(), f.seq(), x);
    }

    private SyncMessage drop(SyncDropReason reason) {
        drops.drop(reason);
        return null;
    }

    private <T> T fail(SyncDropReason reason) {
        failure = reason;
        return null;
    }

    private ConntrackEntry buildConntrack(AttributeWalk a) {
        int v4 = NtaAttr.IPV4.id();
        int v6 = NtaAttr.IPV6.id();
        if ((!a.has(v4) && !a.has(v6)) || !a.has(NtaAttr.L4PROTO.id())) {
            return fail(SyncDropReason.MISSING_ATTRIBUTE);
        }
        boolean isV6 = a.has(v6) && a.at(v6) > a.at(v4);
        int addrId = isV6 ? v6 : v4;
        IpAddress src = address(a, addrId, 0, isV6);
        IpAddress dst = address(a, addrId, 1, isV6);
        int proto = a.u8(NtaAttr.L4PROTO.id());
        int sport = 0;
        int dport = 0;
        boolean icmp = IpProtocol.isIcmp(proto);
        if (icmp) {
            int t = a.has(NtaAttr.ICMP_TYPE.id()) ? a.u8(NtaAttr.ICMP_TYPE.id()) : 0;
            int c = a.has(NtaAttr.ICMP_CODE.id()) ? a.u8(NtaAttr.ICMP_CODE.id()) : 0;
            sport = a.has(NtaAttr.ICMP_ID.id()) ? hostU16(a, NtaAttr.ICMP_ID.id()) : 0;
            dport = (t << 8) | c;
        } else if (a.has(NtaAttr.PORT.id())) {
            sport = a.u16(NtaAttr.PORT.id(), 0);
            dport = a.u16(NtaAttr.PORT.id(), 1);
        }
        Tuple orig = new Tuple(src, dst, proto, sport, dport, Tuple.NO_ZONE);
        ConntrackEntry.Builder b = ConntrackEntry.builder().original(orig);

        Tuple reply = natReply(a, orig, isV6, icmp);
        if (reply == null) {
            return null;
        }
        b.reply(reply);
        if (a.has(NtaAttr.STATUS.id())) {
            b.status(a.u32(NtaAttr.STATUS.id()));
        }
        if (a.has(NtaAttr.TIMEOUT.id())) {
            b.timeout(a.u32(NtaAttr.TIMEOUT.id()));
        }
        if (a.has(NtaAttr.MARK.id())) {
            b.mark(a.u32(NtaAttr.MARK.id()));
        }
        if (!protocolInfo(a, proto, b)) {
            return null;
        }
        Tuple master = tuple(
                a,
                NtaAttr.MASTER_IPV4.id(),
                NtaAttr.MASTER_IPV6.id(),
                NtaAttr.MASTER_L4PROTO.id(),
                NtaAttr.MASTER_PORT.id());
        b.master(master);
        int seqAdj = NtaAttr.NAT_SEQ_ADJ.id();
        if (a.has(seqAdj)) {
            b.seqAdjOriginal(new SeqAdj(a.u32(seqAdj, 0), a.u32(seqAdj, 1), a.u32(seqAdj, 2)));
            b.seqAdjReply(new SeqAdj(a.u32(seqAdj, 3), a.u32(seqAdj, 4), a.u32(seqAdj, 5)));
        }
        int helper = NtaAttr.HELPER_NAME.id();
        if (a.has(helper)) {
            String name = name(a, helper);
            if (name == null) {
                return fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
            }
            b.helper(name);
        }
        int labels = NtaAttr.LABELS.id();
        if (a.has(labels)) {
            if (a.length(labels) % 4 != 0) {
                return fail(SyncDropReason.BAD_ATTRIBUTE_SIZE);
            }
            int words = a.length(labels) / 4;
            int kept = Math.min(words, Labels.MAX_BYTES / 4);
            for (int i = kept; i < words; i++) {
                if (a.u32(labels, i) != 0) {
                    return fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
                }
            }
            if (kept > 0) {
                byte[] bits = new byte[4 * kept];
                for (int i = 0; i < kept; i++) {
                    int w = a.u32(labels, i);
                    bits[4 * i] = (byte) w;
                    bits[4 * i + 1] = (byte) (w >>> 8);
                    bits[4 * i + 2] = (byte) (w >>> 16);
                    bits[4 * i + 3] = (byte) (w >>> 24);
                }
                b.labels(Labels.of(bits));
            }
        }
        int synproxy = NtaAttr.SYNPROXY.id();
        if (a.has(synproxy)) {
            b.synproxy(new Synproxy(a.u32(synproxy, 1), a.u32(synproxy, 0), a.u32(synproxy, 2)));
        }
        if (a.has(NtaAttr.ZONE.id())) {
            b.zone(a.u16(NtaAttr.ZONE.id()));
        }
        return b.build();
    }

    /** inverse(orig) with the received NAT applied, or null (failure set) on a family mismatch. */
    private Tuple natReply(AttributeWalk a, Tuple orig, boolean isV6, boolean icmp) {
        Tuple inv = orig.invert();
        IpAddress rsrc = inv.src();
        IpAddress rdst = inv.dst();
        int rsport = inv.srcPort();
        int rdport = inv.dstPort();
        int snat4 = NtaAttr.SNAT_IPV4.id();
        int dnat4 = NtaAttr.DNAT_IPV4.id();
        int snat6 = NtaAttr.SNAT_IPV6.id();
        int dnat6 = NtaAttr.DNAT_IPV6.id();
        if ((isV6 && (a.has(snat4) || a.has(dnat4))) || (!isV6 && (a.has(snat6) || a.has(dnat6)))) {
            return fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
        }
        if (a.has(snat4)) {
            rdst = natV4(a, snat4);
        } else if (a.has(snat6)) {
            rdst = address(a, snat6, 0, true);
        }
        if (a.has(dnat4)) {
            rsrc = natV4(a, dnat4);
        } else if (a.has(dnat6)) {
            rsrc = address(a, dnat6, 0, true);
        }
        if (!icmp && IpProtocol.hasPorts(orig.protocol())) {
            if (a.has(NtaAttr.SPAT_PORT.id())) {
                rdport = hostU16(a, NtaAttr.SPAT_PORT.id());
            }
            if (a.has(NtaAttr.DPAT_PORT.id())) {
                rsport = hostU16(a, NtaAttr.DPAT_PORT.id());
            }
        }
        return new Tuple(rsrc, rdst, inv.protocol(), rsport, rdport, Tuple.NO_ZONE);
    }

    private IpAddress natV4(AttributeWalk a, int id) {
        int bits = a.u32(id);
        return IpAddress.v4(options.legacyNatAddressOrder() ? Integer.reverseBytes(bits) : bits);
    }

    private boolean protocolInfo(AttributeWalk a, int proto, ConntrackEntry.Builder b) {
        if (proto == IpProtocol.TCP && a.has(NtaAttr.TCP_STATE.id())) {
            TcpState state = TcpState.of(a.u8(NtaAttr.TCP_STATE.id()));
            if (state == null) {
                fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
                return false;
            }
            int wo = a.has(NtaAttr.TCP_WSCALE_ORIG.id()) ? a.u8(NtaAttr.TCP_WSCALE_ORIG.id()) : TcpInfo.ABSENT;
            int wr = a.has(NtaAttr.TCP_WSCALE_REPL.id()) ? a.u8(NtaAttr.TCP_WSCALE_REPL.id()) : TcpInfo.ABSENT;
            b.tcp(new TcpInfo(state, TcpInfo.ABSENT, 0, TcpInfo.ABSENT, 0, wo, wr));
        } else if (proto == IpProtocol.SCTP && a.has(NtaAttr.SCTP_STATE.id())) {
            SctpState state = SctpState.of(a.u8(NtaAttr.SCTP_STATE.id()));
            if (state == null) {
                fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
                return false;
            }
            int vo = a.has(NtaAttr.SCTP_VTAG_ORIG.id()) ? a.u32(NtaAttr.SCTP_VTAG_ORIG.id()) : 0;
            int vr = a.has(NtaAttr.SCTP_VTAG_REPL.id()) ? a.u32(NtaAttr.SCTP_VTAG_REPL.id()) : 0;
            b.sctp(new SctpInfo(state, vo, vr));
        } else if (proto == IpProtocol.DCCP && a.has(NtaAttr.DCCP_STATE.id())) {
            DccpState state = DccpState.of(a.u8(NtaAttr.DCCP_STATE.id()));
            if (state == null) {
                fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
                return false;
            }
            int role = a.has(NtaAttr.DCCP_ROLE.id()) ? a.u8(NtaAttr.DCCP_ROLE.id()) : DccpInfo.ABSENT;
            b.dccp(new DccpInfo(state, role, DccpInfo.NO_HANDSHAKE_SEQ));
        }
        return true;
    }

    private Expectation buildExpectation(AttributeWalk a) {
        Tuple tuple = tuple(
                a,
                NtaExpAttr.EXPECT_IPV4.id(),
                NtaExpAttr.EXPECT_IPV6.id(),
                NtaExpAttr.EXPECT_L4PROTO.id(),
                NtaExpAttr.EXPECT_PORT.id());
        if (tuple == null || !a.has(NtaExpAttr.EXPECT_L4PROTO.id())) {
            return fail(SyncDropReason.MISSING_ATTRIBUTE);
        }
        Expectation.Builder b = Expectation.builder().tuple(tuple);
        b.master(tuple(
                a,
                NtaExpAttr.MASTER_IPV4.id(),
                NtaExpAttr.MASTER_IPV6.id(),
                NtaExpAttr.MASTER_L4PROTO.id(),
                NtaExpAttr.MASTER_PORT.id()));
        b.mask(tuple(
                a,
                NtaExpAttr.MASK_IPV4.id(),
                NtaExpAttr.MASK_IPV6.id(),
                NtaExpAttr.MASK_L4PROTO.id(),
                NtaExpAttr.MASK_PORT.id()));
        if (a.has(NtaExpAttr.TIMEOUT.id())) {
            b.timeout(a.u32(NtaExpAttr.TIMEOUT.id()));
        }
        if (a.has(NtaExpAttr.FLAGS.id())) {
            b.flags(a.u32(NtaExpAttr.FLAGS.id()));
        }
        if (a.has(NtaExpAttr.CLASS.id())) {
            b.expectClass(a.u32(NtaExpAttr.CLASS.id()));
        }
        int natAddr = NtaExpAttr.NAT_IPV4.id();
        if (a.has(natAddr)) {
            int natProto = NtaExpAttr.NAT_L4PROTO.id();
            int natPort = NtaExpAttr.NAT_PORT.id();
            Tuple t = new Tuple(
                    address(a, natAddr, 0, false),
                    address(a, natAddr, 1, false),
                    a.has(natProto) ? a.u8(natProto) : 0,
                    a.has(natPort) ? a.u16(natPort, 0) : 0,
                    a.has(natPort) ? a.u16(natPort, 1) : 0,
                    Tuple.NO_ZONE);
            int dir = a.has(NtaExpAttr.NAT_DIR.id()) ? a.u32(NtaExpAttr.NAT_DIR.id()) : 0;
            b.nat(new ExpectationNat(dir, t));
        }
        if (a.has(NtaExpAttr.HELPER_NAME.id())) {
            String name = name(a, NtaExpAttr.HELPER_NAME.id());
            if (name == null) {
                return fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
            }
            b.helper(name);
        }
        if (a.has(NtaExpAttr.FN.id())) {
            String name = name(a, NtaExpAttr.FN.id());
            if (name == null) {
                return fail(SyncDropReason.BAD_ATTRIBUTE_VALUE);
            }
            b.function(name);
        }
        return b.build();
    }

    /** A tuple from an address-pair attribute (v4 or v6, the later wins), protocol and ports. */
    private static Tuple tuple(AttributeWalk a, int v4, int v6, int protoId, int portId) {
        if (!a.has(v4) && !a.has(v6)) {
            return null;
        }
        boolean isV6 = a.has(v6) && a.at(v6) > a.at(v4);
        int id = isV6 ? v6 : v4;
        int proto = a.has(protoId) ? a.u8(protoId) : 0;
        int sport = a.has(portId) ? a.u16(portId, 0) : 0;
        int dport = a.has(portId) ? a.u16(portId, 1) : 0;
        return new Tuple(address(a, id, 0, isV6), address(a, id, 1, isV6), proto, sport, dport, Tuple.NO_ZONE);
    }

    /** Address number {@code index} of the payload of {@code id}. */
    private static IpAddress address(AttributeWalk a, int id, int index, boolean v6) {
        ByteBuffer b = a.buffer();
        if (!v6) {
            return IpAddress.v4(Bytes.u32(b, a.at(id) + 4 * index));
        }
        int p = a.at(id) + 16 * index;
        long hi = (long) Bytes.u32(b, p) << 32 | (Bytes.u32(b, p + 4) & 0xffffffffL);
        long lo = (long) Bytes.u32(b, p + 8) << 32 | (Bytes.u32(b, p + 12) & 0xffffffffL);
        return IpAddress.v6(hi, lo);
    }

    private int hostU16(AttributeWalk a, int id) {
        return options.natPortOrder() == ByteOrder.LITTLE_ENDIAN ? a.u16le(id) : a.u16(id);
    }

    /** The name up to the first NUL; null if empty or not printable ASCII. */
    private static String name(AttributeWalk a, int id) {
        ByteBuffer b = a.buffer();
        int p = a.at(id);
        int n = a.length(id);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = b.get(p + i) & 0xff;
            if (c == 0) {
                break;
            }
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
