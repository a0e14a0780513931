package io.ctsync.protocol.sync;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.DccpInfo;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.ExpectationNat;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.Labels;
import io.ctsync.protocol.conntrack.SctpInfo;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.Tuple;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Builds conntrack and expectation state messages exactly as conntrackd 1.4.7 does (compat §3.6,
 * §3.7, observed captures): the same attributes under the same conditions in the same order, so
 * that output is byte-identical. Deliberate differences, each safer for the receiver:
 *
 * <ul>
 *   <li>A helper name longer than {@link SyncCodecOptions#maxHelperNameLength()} is left out (the
 *       message still goes) and counted as {@link SyncDropReason#HELPER_NAME_TOO_LONG}; conntrackd
 *       sends it and its peer drops the whole message.
 *   <li>ICMP / ICMPv6 entries never carry {@code NTA_SPAT_PORT} / {@code NTA_DPAT_PORT}.
 *       conntrackd compares the reply tuple's ICMP fields, which its library leaves at 0, and so
 *       sends two zero ports for every NATed ICMP entry; a conntrackd receiver then commits the
 *       entry with an ICMP id range of [0, 0].
 *   <li>An expectation's IPv6 NAT tuple, which has no attribute, is left out and counted as
 *       {@link SyncDropReason#EXPECTATION_NAT_IPV6_OMITTED}.
 * </ul>
 *
 * <p>The NAT of a conntrack entry comes from its reply tuple and status: {@code NTA_SNAT_*} = reply
 * dst when {@code SRC_NAT_DONE} and it differs from orig src; {@code NTA_DNAT_*} = reply src when
 * {@code DST_NAT_DONE} and it differs from orig dst; {@code NTA_SPAT_PORT} = reply dport when
 * {@code SRC_NAT_DONE} (or the status is unknown) and it differs from orig sport; {@code
 * NTA_DPAT_PORT} = reply sport when {@code DST_NAT_DONE} and it differs from orig dport. Entries
 * without a reply tuple carry no NAT. Labels travel as {@link Labels#byteLength()} / 4 words, as
 * conntrackd sends the whole kernel bitmap (observed: 4 words for labels 1, 5 and 40).
 *
 * <p>Thread-safe when its sink is: it keeps no state between calls.
 */
public final class SyncEncoder {
    private final SyncCodecOptions options;
    private final SyncDropSink drops;

    public SyncEncoder(SyncCodecOptions options, SyncDropSink drops) {
        this.options = Objects.requireNonNull(options, "options");
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    public SyncCodecOptions options() {
        return options;
    }

    /**
     * Writes a CT_NEW, CT_UPD or CT_DEL message for {@code entry} at {@code dst}'s position and
     * advances it; returns the message length. On overflow the position is left unchanged.
     *
     * @param flags 0, or HELLO / HELLO_BACK
     */
    public int encodeConntrack(SyncMessageType type, int flags, int seq, ConntrackEntry entry, ByteBuffer dst) {
        if (!type.isConntrack()) {
            throw new IllegalArgumentException("not a conntrack message type: " + type);
        }
        checkDataFlags(flags);
        int start = dst.position();
        try {
            dst.position(start + SyncHeader.SIZE);
            writeConntrack(entry, dst);
            int len = dst.position() - start;
            SyncHeader.write(dst, start, type.value(), flags, len, seq);
            return len;
        } catch (BufferOverflowException | IllegalArgumentException e) {
            dst.position(start);
            throw e;
        }
    }

    /** The message as a new array. */
    public byte[] conntrack(SyncMessageType type, int flags, int seq, ConntrackEntry entry) {
        ByteBuffer b = ByteBuffer.allocate(SyncHeader.MAX_MESSAGE_SIZE);
        int len = encodeConntrack(type, flags, seq, entry, b);
        byte[] out = new byte[len];
        b.get(0, out);
        return out;
    }

    /**
     * Writes an EXP_NEW, EXP_UPD or EXP_DEL message at {@code dst}'s position and advances it;
     * returns the message length. The expectation needs its master tuple and mask.
     */
    public int encodeExpectation(SyncMessageType type, int flags, int seq, Expectation exp, ByteBuffer dst) {
        if (!type.isExpectation()) {
            throw new IllegalArgumentException("not an expectation message type: " + type);
        }
        checkDataFlags(flags);
        if (exp.master() == null || exp.mask() == null) {
            throw new IllegalArgumentException("an expectation needs its master tuple and mask to be sent");
        }
        int start = dst.position();
        try {
            dst.position(start + SyncHeader.SIZE);
            writeExpectation(exp, dst);
            int len = dst.position() - start;
            SyncHeader.write(dst, start, type.value(), flags, len, seq);
            return len;
        } catch (BufferOverflowException | IllegalArgumentException e) {
            dst.position(start);
            throw e;
        }
    }

    public byte[] expectation(SyncMessageType type, int flags, int seq, Expectation exp) {
        ByteBuffer b = ByteBuffer.allocate(SyncHeader.MAX_MESSAGE_SIZE);
        int len = encodeExpectation(type, flags, seq, exp, b);
        byte[] out = new byte[len];
        b.get(0, out);
        return out;
    }

    private static void checkDataFlags(int flags) {
        if ((flags & ~SyncFlags.HELLO_MASK) != 0) {
            throw new IllegalArgumentException(
                    "a data message may carry only HELLO / HELLO_BACK: " + SyncFlags.toString(flags));
        }
    }

    private void writeConntrack(ConntrackEntry e, ByteBuffer b) {
        Tuple orig = e.original();
        int proto = orig.protocol();
        boolean v6 = orig.isV6();
        TlvWriter.addressPair(b, v6 ? NtaAttr.IPV6.id() : NtaAttr.IPV4.id(), orig.src(), orig.dst());
        TlvWriter.u32(b, NtaAttr.STATUS.id(), e.status());
        TlvWriter.u8(b, NtaAttr.L4PROTO.id(), proto);
        writeLayer4(e, orig, b);
        if (options.sendTimeout() && e.hasTimeout()) {
            TlvWriter.u32(b, NtaAttr.TIMEOUT.id(), e.timeout());
        }
        if (e.hasMark()) {
            TlvWriter.u32(b, NtaAttr.MARK.id(), e.mark());
        }
        Tuple master = e.master();
        if (master != null) {
            TlvWriter.addressPair(
                    b, master.isV6() ? NtaAttr.MASTER_IPV6.id() : NtaAttr.MASTER_IPV4.id(), master.src(), master.dst());
            TlvWriter.u8(b, NtaAttr.MASTER_L4PROTO.id(), master.protocol());
            if (IpProtocol.hasPorts(master.protocol())) {
                TlvWriter.u16pair(b, NtaAttr.MASTER_PORT.id(), master.srcPort(), master.dstPort());
            }
        }
        writeNat(e, orig, b);
        if (e.seqAdjOriginal() != null && e.seqAdjReply() != null) {
            TlvWriter.u32s(
                    b,
                    NtaAttr.NAT_SEQ_ADJ.id(),
                    e.seqAdjOriginal().correctionPos(),
                    e.seqAdjOriginal().offsetBefore(),
                    e.seqAdjOriginal().offsetAfter(),
                    e.seqAdjReply().correctionPos(),
                    e.seqAdjReply().offsetBefore(),
                    e.seqAdjReply().offsetAfter());
        }
        if (e.helper() != null) {
            writeName(b, NtaAttr.HELPER_NAME.id(), e.helper(), options.maxHelperNameLength());
        }
        Labels labels = e.labels();
        if (labels != null && !labels.isEmpty()) {
            int words = labels.byteLength() / 4;
            int p = TlvWriter.begin(b, NtaAttr.LABELS.id(), 4 * words);
            for (int i = 0; i < words; i++) {
                int w = (labels.byteAt(4 * i) & 0xff)
                        | (labels.byteAt(4 * i + 1) & 0xff) << 8
                        | (labels.byteAt(4 * i + 2) & 0xff) << 16
                        | (labels.byteAt(4 * i + 3) & 0xff) << 24;
                Bytes.putU32(b, p + 4 * i, w);
            }
            TlvWriter.end(b, p, 4 * words);
        }
        if (options.sendSynproxy() && e.synproxy() != null) {
            TlvWriter.u32s(
                    b,
                    NtaAttr.SYNPROXY.id(),
                    e.synproxy().its(),
                    e.synproxy().isn(),
                    e.synproxy().tsoff());
        }
        if (options.sendZone() && e.hasZone()) {
            TlvWriter.u16(b, NtaAttr.ZONE.id(), e.zone());
        }
    }

    private void writeLayer4(ConntrackEntry e, Tuple orig, ByteBuffer b) {
        switch (orig.protocol()) {
            case IpProtocol.TCP:
                TlvWriter.u16pair(b, NtaAttr.PORT.id(), orig.srcPort(), orig.dstPort());
                TcpInfo tcp = e.tcp();
                if (tcp != null) {
                    TlvWriter.u8(b, NtaAttr.TCP_STATE.id(), tcp.state().value());
                    if (options.tcpWindowTracking()) {
                        TlvWriter.u8(b, NtaAttr.TCP_WSCALE_ORIG.id(), orZero(tcp.originalWscale()));
                        TlvWriter.u8(b, NtaAttr.TCP_WSCALE_REPL.id(), orZero(tcp.replyWscale()));
                    }
                }
                break;
            case IpProtocol.UDP:
                TlvWriter.u16pair(b, NtaAttr.PORT.id(), orig.srcPort(), orig.dstPort());
                break;
            case IpProtocol.SCTP:
                TlvWriter.u16pair(b, NtaAttr.PORT.id(), orig.srcPort(), orig.dstPort());
                SctpInfo sctp = e.sctp();
                if (sctp != null) {
                    TlvWriter.u8(b, NtaAttr.SCTP_STATE.id(), sctp.state().value());
                    TlvWriter.u32(b, NtaAttr.SCTP_VTAG_ORIG.id(), sctp.vtagOriginal());
                    TlvWriter.u32(b, NtaAttr.SCTP_VTAG_REPL.id(), sctp.vtagReply());
                }
                break;
            case IpProtocol.DCCP:
                TlvWriter.u16pair(b, NtaAttr.PORT.id(), orig.srcPort(), orig.dstPort());
                DccpInfo dccp = e.dccp();
                if (dccp != null) {
                    TlvWriter.u8(b, NtaAttr.DCCP_STATE.id(), dccp.state().value());
                    TlvWriter.u8(b, NtaAttr.DCCP_ROLE.id(), orZero(dccp.role()));
                }
                break;
            case IpProtocol.ICMP:
            case IpProtocol.ICMPV6:
                TlvWriter.u8(b, NtaAttr.ICMP_TYPE.id(), orig.icmpType());
                TlvWriter.u8(b, NtaAttr.ICMP_CODE.id(), orig.icmpCode());
                writeHostU16(b, NtaAttr.ICMP_ID.id(), orig.icmpId());
                break;
            default:
                break;
        }
    }

    private void writeNat(ConntrackEntry e, Tuple orig, ByteBuffer b) {
        Tuple reply = e.reply();
        if (reply == null) {
            return;
        }
        int status = e.status();
        boolean srcDone = (status & ConntrackStatus.SRC_NAT_DONE) != 0;
        boolean dstDone = (status & ConntrackStatus.DST_NAT_DONE) != 0;
        if (srcDone && !reply.dst().equals(orig.src())) {
            writeNatAddress(b, reply.dst(), NtaAttr.SNAT_IPV4, NtaAttr.SNAT_IPV6);
        }
        if (dstDone && !reply.src().equals(orig.dst())) {
            writeNatAddress(b, reply.src(), NtaAttr.DNAT_IPV4, NtaAttr.DNAT_IPV6);
        }
        if (IpProtocol.isIcmp(orig.protocol())) {
            return;
        }
        if ((srcDone || !e.hasStatus()) && reply.dstPort() != orig.srcPort()) {
            writeHostU16(b, NtaAttr.SPAT_PORT.id(), reply.dstPort());
        }
        if (dstDone && reply.srcPort() != orig.dstPort()) {
            writeHostU16(b, NtaAttr.DPAT_PORT.id(), reply.srcPort());
        }
    }

    private void writeNatAddress(ByteBuffer b, IpAddress a, NtaAttr v4, NtaAttr v6) {
        if (a.isV6()) {
            TlvWriter.address(b, v6.id(), a);
        } else {
            int bits = options.legacyNatAddressOrder() ? Integer.reverseBytes(a.v4Bits()) : a.v4Bits();
            TlvWriter.u32(b, v4.id(), bits);
        }
    }

    private void writeHostU16(ByteBuffer b, int id, int value) {
        if (options.natPortOrder() == ByteOrder.LITTLE_ENDIAN) {
            TlvWriter.u16le(b, id, value);
        } else {
            TlvWriter.u16(b, id, value);
        }
    }

    private void writeName(ByteBuffer b, int id, String name, int maxLength) {
        if (name.length() > maxLength) {
            drops.drop(SyncDropReason.HELPER_NAME_TOO_LONG);
            return;
        }
        TlvWriter.cString(b, id, name);
    }

    private void writeExpectation(Expectation x, ByteBuffer b) {
        Tuple master = x.master();
        Tuple tuple = x.tuple();
        Tuple mask = x.mask();
        boolean ports = hasExpectationPorts(master.protocol());
        TlvWriter.addressPair(
                b,
                master.isV6() ? NtaExpAttr.MASTER_IPV6.id() : NtaExpAttr.MASTER_IPV4.id(),
                master.src(),
                master.dst());
        TlvWriter.u8(b, NtaExpAttr.MASTER_L4PROTO.id(), master.protocol());
        if (ports) {
            TlvWriter.u16pair(b, NtaExpAttr.MASTER_PORT.id(), master.srcPort(), master.dstPort());
        }
        TlvWriter.addressPair(
                b, tuple.isV6() ? NtaExpAttr.EXPECT_IPV6.id() : NtaExpAttr.EXPECT_IPV4.id(), tuple.src(), tuple.dst());
        TlvWriter.u8(b, NtaExpAttr.EXPECT_L4PROTO.id(), tuple.protocol());
        if (ports) {
            TlvWriter.u16pair(b, NtaExpAttr.EXPECT_PORT.id(), tuple.srcPort(), tuple.dstPort());
        }
        TlvWriter.addressPair(
                b, mask.isV6() ? NtaExpAttr.MASK_IPV6.id() : NtaExpAttr.MASK_IPV4.id(), mask.src(), mask.dst());
        TlvWriter.u8(b, NtaExpAttr.MASK_L4PROTO.id(), mask.protocol());
        if (ports) {
            TlvWriter.u16pair(b, NtaExpAttr.MASK_PORT.id(), mask.srcPort(), mask.dstPort());
        }
        if (options.sendTimeout() && x.timeout() != null) {
            TlvWriter.u32(b, NtaExpAttr.TIMEOUT.id(), x.timeout());
        }
        TlvWriter.u32(b, NtaExpAttr.FLAGS.id(), x.flags() == null ? 0 : x.flags());
        if (x.expectClass() != null) {
            TlvWriter.u32(b, NtaExpAttr.CLASS.id(), x.expectClass());
        }
        ExpectationNat nat = x.nat();
        if (nat != null) {
            Tuple t = nat.tuple();
            if (t.isV6()) {
                drops.drop(SyncDropReason.EXPECTATION_NAT_IPV6_OMITTED);
            } else {
                TlvWriter.addressPair(b, NtaExpAttr.NAT_IPV4.id(), t.src(), t.dst());
                TlvWriter.u8(b, NtaExpAttr.NAT_L4PROTO.id(), t.protocol());
                if (ports) {
                    TlvWriter.u16pair(b, NtaExpAttr.NAT_PORT.id(), t.srcPort(), t.dstPort());
                }
                TlvWriter.u32(b, NtaExpAttr.NAT_DIR.id(), nat.direction());
            }
        }
        if (x.helper() != null) {
            writeName(b, NtaExpAttr.HELPER_NAME.id(), x.helper(), options.maxHelperNameLength());
        }
        if (x.function() != null) {
            writeName(b, NtaExpAttr.FN.id(), x.function(), NtaExpAttr.FN.payloadLength() - 1);
        }
    }

    /** conntrackd sends the port attributes of an expectation only for these master protocols. */
    static boolean hasExpectationPorts(int protocol) {
        return protocol == IpProtocol.TCP
                || protocol == IpProtocol.UDP
                || protocol == IpProtocol.SCTP
                || protocol == IpProtocol.DCCP;
    }

    private static int orZero(int v) {
        return v < 0 ? 0 : v;
    }
}
