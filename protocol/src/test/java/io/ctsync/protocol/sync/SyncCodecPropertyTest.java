package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.Counters;
import io.ctsync.protocol.conntrack.DccpInfo;
import io.ctsync.protocol.conntrack.DccpState;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.ExpectationNat;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random entries and expectations of every kind, under random peer options: what the decoder
 * returns for an encoded message equals the receiver's view built independently from the same
 * random choices (see {@link SyncDecoder} for that view).
 */
class SyncCodecPropertyTest {
    private static final int[] PROTOCOLS = {
        IpProtocol.TCP,
        IpProtocol.UDP,
        IpProtocol.SCTP,
        IpProtocol.DCCP,
        IpProtocol.ICMP,
        IpProtocol.GRE,
        IpProtocol.UDPLITE,
        50,
        0,
        255
    };
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A sender entry and what the receiver must end up with. */
    record Case(ConntrackEntry sender, ConntrackEntry expected, boolean helperOmitted) {}

    @Test
    void shouldDecodeEveryRandomEntryToItsReceiverView() {
        Random r = new Random(0x5eed_c7L);
        for (int i = 0; i < 20_000; i++) {
            SyncCodecOptions o = randomOptions(r);
            Case c = randomCase(r, o);
            RecordingSink sink = new RecordingSink();
            SyncMessageType type = SyncMessageType.of(r.nextInt(3));
            int flags = r.nextInt(4) << 5;
            int seq = r.nextInt();
            byte[] m = new SyncEncoder(o, sink).conntrack(type, flags, seq, c.sender());
            List<SyncMessage> out = new ArrayList<>();
            new SyncDecoder(o, sink).decodeDatagram(ByteBuffer.wrap(m), out::add);
            int n = i;
            assertEquals(
                    List.of(new ConntrackStateMessage(type, flags, seq, c.expected())),
                    out,
                    () -> "case " + n + " " + o + "\n" + c.sender() + "\n" + Hex.spaced(m));
            assertEquals(c.helperOmitted() ? List.of(SyncDropReason.HELPER_NAME_TOO_LONG) : List.of(), sink.reasons);
            assertEquals(0, m.length % 4);
        }
    }

    @Test
    void shouldDecodeEveryRandomExpectationToItsReceiverView() {
        Random r = new Random(0xe4b_0c7L);
        for (int i = 0; i < 10_000; i++) {
            SyncCodecOptions o = randomOptions(r);
            boolean v6 = r.nextBoolean();
            int proto = PROTOCOLS[r.nextInt(PROTOCOLS.length)];
            boolean ports = proto == IpProtocol.TCP
                    || proto == IpProtocol.UDP
                    || proto == IpProtocol.SCTP
                    || proto == IpProtocol.DCCP;
            Tuple master = tuple(r, v6, proto);
            Tuple tuple = tuple(r, v6, r.nextBoolean() ? proto : PROTOCOLS[r.nextInt(PROTOCOLS.length)]);
            Tuple mask = tuple(r, v6, tuple.protocol());
            Expectation.Builder sender = Expectation.builder()
                    .master(master)
                    .tuple(tuple)
                    .mask(mask)
                    .id(r.nextInt())
                    .zone(r.nextInt(0x10000));
            Expectation.Builder expected = Expectation.builder()
                    .master(ports ? master : portless(master))
                    .tuple(ports ? tuple : portless(tuple))
                    .mask(ports ? mask : portless(mask))
                    .flags(0);
            if (r.nextBoolean()) {
                int t = r.nextInt();
                sender.timeout(t);
                if (o.sendTimeout()) {
                    expected.timeout(t);
                }
            }
            if (r.nextBoolean()) {
                int f = r.nextInt(8);
                sender.flags(f);
                expected.flags(f);
            }
            if (r.nextBoolean()) {
                int cls = r.nextInt();
                sender.expectClass(cls);
                expected.expectClass(cls);
            }
            boolean omitted = false;
            if (r.nextInt(3) == 0) {
                boolean natV6 = r.nextInt(4) == 0;
                Tuple nt = tuple(r, natV6, proto);
                int dir = r.nextInt(2);
                sender.nat(new ExpectationNat(dir, nt));
                if (natV6) {
                    omitted = true;
                } else {
                    expected.nat(new ExpectationNat(dir, ports ? nt : portless(nt)));
                }
            }
            String helper = null;
            if (r.nextBoolean()) {
                helper = name(r, 1 + r.nextInt(15));
                sender.helper(helper);
                if (helper.length() <= o.maxHelperNameLength()) {
                    expected.helper(helper);
                }
            }
            if (r.nextBoolean()) {
                String fn = name(r, 1 + r.nextInt(27));
                sender.function(fn);
                expected.function(fn);
            }
            RecordingSink sink = new RecordingSink();
            SyncMessageType type = SyncMessageType.of(3 + r.nextInt(3));
            byte[] m = new SyncEncoder(o, sink).expectation(type, 0, i, sender.build());
            List<SyncMessage> out = new ArrayList<>();
            new SyncDecoder(o, sink).decodeDatagram(ByteBuffer.wrap(m), out::add);
            int n = i;
            assertEquals(
                    List.of(new ExpectationStateMessage(type, 0, i, expected.build())),
                    out,
                    () -> "case " + n + " " + Hex.spaced(m));
            List<SyncDropReason> reasons = new ArrayList<>();
            if (omitted) {
                reasons.add(SyncDropReason.EXPECTATION_NAT_IPV6_OMITTED);
            }
            if (helper != null && helper.length() > o.maxHelperNameLength()) {
                reasons.add(SyncDropReason.HELPER_NAME_TOO_LONG);
            }
            assertEquals(reasons, sink.reasons);
        }
    }

    @Test
    void shouldDeliverPackedMessagesInOrderWhateverTheMtu() {
        Random r = new Random(99);
        for (int trial = 0; trial < 200; trial++) {
            SyncCodecOptions o = randomOptions(r);
            int mtu = 100 + r.nextInt(9000);
            SyncPacker packer =
                    new SyncPacker(r.nextBoolean() ? SyncPacker.udpBufferSize(mtu) : SyncPacker.tcpBufferSize(mtu));
            SyncEncoder enc = new SyncEncoder(o, SyncDropSink.NONE);
            List<SyncMessage> sent = new ArrayList<>();
            List<byte[]> datagrams = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Case c = randomCase(r, o);
                byte[] m;
                if (r.nextInt(4) == 0) {
                    ControlMessage ctl = ControlMessage.ack(i, i - 5, i - 1, 0);
                    m = ctl.toBytes();
                    sent.add(ctl);
                } else {
                    m = enc.conntrack(SyncMessageType.CT_UPD, 0, i, c.sender());
                    sent.add(new ConntrackStateMessage(SyncMessageType.CT_UPD, 0, i, c.expected()));
                }
                byte[] done = packer.append(m);
                if (done != null) {
                    datagrams.add(done);
                }
            }
            byte[] last = packer.flush();
            if (last != null) {
                datagrams.add(last);
            }
            List<SyncMessage> got = new ArrayList<>();
            SyncDecoder dec = new SyncDecoder(o, SyncDropSink.NONE);
            for (byte[] d : datagrams) {
                assertEquals(
                        true, d.length < packer.bufferSize() || dec.decodeDatagram(ByteBuffer.wrap(d), x -> {}) == 1);
                dec.decodeDatagram(ByteBuffer.wrap(d), got::add);
            }
            assertEquals(sent, got);
        }
    }

    static SyncCodecOptions randomOptions(Random r) {
        return SyncCodecOptions.builder()
                .natPortOrder(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                .legacyNatAddressOrder(r.nextInt(4) == 0)
                .sendTimeout(r.nextInt(4) != 0)
                .tcpWindowTracking(r.nextBoolean())
                .sendSynproxy(r.nextInt(4) != 0)
                .sendZone(r.nextInt(4) != 0)
                .maxHelperNameLength(r.nextBoolean() ? 11 : 1 + r.nextInt(15))
                .build();
    }

    /** A random entry with noise that does not travel, and its receiver view. */
    static Case randomCase(Random r, SyncCodecOptions o) {
        boolean v6 = r.nextBoolean();
        int proto = PROTOCOLS[r.nextInt(PROTOCOLS.length)];
        if (proto == IpProtocol.ICMP && v6) {
            proto = IpProtocol.ICMPV6;
        }
        boolean natPorts = proto == IpProtocol.TCP
                || proto == IpProtocol.UDP
                || proto == IpProtocol.SCTP
                || proto == IpProtocol.DCCP;
        Tuple orig = tuple(r, v6, proto);
        if (r.nextInt(5) == 0) {
            orig = orig.withZone(r.nextInt(0x10000));
        }
        Tuple reducedOrig = natPorts || IpProtocol.isIcmp(proto)
                ? orig.withZone(Tuple.NO_ZONE)
                : new Tuple(orig.src(), orig.dst(), proto, 0, 0, Tuple.NO_ZONE);

        ConntrackEntry.Builder s = ConntrackEntry.builder().original(orig);
        ConntrackEntry.Builder x = ConntrackEntry.builder().original(reducedOrig);

        boolean hasStatus = r.nextInt(8) != 0;
        boolean hasReply = r.nextInt(8) != 0;
        int status = r.nextInt(0x10000) & ~(ConntrackStatus.NAT_MASK | ConntrackStatus.NAT_DONE_MASK);
        if (r.nextBoolean()) {
            status |= ConntrackStatus.NAT_DONE_MASK;
        }
        Tuple senderReply = orig.invert();
        Tuple expectedReply = reducedOrig.invert();
        if (hasStatus && hasReply) {
            if (r.nextInt(3) == 0) {
                IpAddress a = other(r, v6, orig.src());
                senderReply = withDst(senderReply, a);
                expectedReply = withDst(expectedReply, a);
                status |= ConntrackStatus.SRC_NAT | ConntrackStatus.NAT_DONE_MASK;
            }
            if (r.nextInt(3) == 0) {
                IpAddress a = other(r, v6, orig.dst());
                senderReply = withSrc(senderReply, a);
                expectedReply = withSrc(expectedReply, a);
                status |= ConntrackStatus.DST_NAT | ConntrackStatus.NAT_DONE_MASK;
            }
            if (natPorts && r.nextInt(3) == 0) {
                int p = otherPort(r, orig.srcPort());
                senderReply = withPorts(senderReply, senderReply.srcPort(), p);
                expectedReply = withPorts(expectedReply, expectedReply.srcPort(), p);
                status |= ConntrackStatus.SRC_NAT | ConntrackStatus.NAT_DONE_MASK;
            }
            if (natPorts && r.nextInt(3) == 0) {
                int p = otherPort(r, orig.dstPort());
                senderReply = withPorts(senderReply, p, senderReply.dstPort());
                expectedReply = withPorts(expectedReply, p, expectedReply.dstPort());
                status |= ConntrackStatus.DST_NAT | ConntrackStatus.NAT_DONE_MASK;
            }
            if (IpProtocol.isIcmp(proto) && r.nextInt(3) == 0) {
                senderReply = withPorts(senderReply, otherPort(r, orig.icmpId()), senderReply.dstPort());
                status |= ConntrackStatus.SRC_NAT | ConntrackStatus.NAT_DONE_MASK;
            }
        }
        if (hasReply) {
            s.reply(r.nextInt(5) == 0 ? senderReply.withZone(r.nextInt(100)) : senderReply);
        }
        x.reply(expectedReply);
        if (hasStatus) {
            s.status(status);
            x.status(status);
        } else {
            x.status(0);
        }
        if (r.nextInt(5) != 0) {
            int t = r.nextInt();
            s.timeout(t);
            if (o.sendTimeout()) {
                x.timeout(t);
            }
        }
        if (r.nextBoolean()) {
            int mark = r.nextInt();
            s.mark(mark);
            x.mark(mark);
        }
        if (proto == IpProtocol.TCP && r.nextInt(5) != 0) {
            TcpState st = TcpState.values()[r.nextInt(TcpState.values().length)];
            int wo = r.nextBoolean() ? r.nextInt(15) : TcpInfo.ABSENT;
            int wr = r.nextBoolean() ? r.nextInt(15) : TcpInfo.ABSENT;
            s.tcp(new TcpInfo(st, r.nextInt(256), r.nextInt(256), TcpInfo.ABSENT, 0, wo, wr));
            x.tcp(new TcpInfo(
                    st,
                    TcpInfo.ABSENT,
                    0,
                    TcpInfo.ABSENT,
                    0,
                    o.tcpWindowTracking() ? Math.max(wo, 0) : TcpInfo.ABSENT,
                    o.tcpWindowTracking() ? Math.max(wr, 0) : TcpInfo.ABSENT));
        }
        if (proto == IpProtocol.SCTP && r.nextInt(5) != 0) {
            SctpInfo info =
                    new SctpInfo(SctpState.values()[r.nextInt(SctpState.values().length)], r.nextInt(), r.nextInt());
            s.sctp(info);
            x.sctp(info);
        }
        if (proto == IpProtocol.DCCP && r.nextInt(5) != 0) {
            DccpState st = DccpState.values()[r.nextInt(DccpState.values().length)];
            int role = r.nextBoolean() ? r.nextInt(2) : DccpInfo.ABSENT;
            s.dccp(new DccpInfo(st, role, r.nextBoolean() ? r.nextLong() : DccpInfo.NO_HANDSHAKE_SEQ));
            x.dccp(new DccpInfo(st, Math.max(role, 0), DccpInfo.NO_HANDSHAKE_SEQ));
        }
        if (r.nextInt(3) == 0) {
            int mp = PROTOCOLS[r.nextInt(PROTOCOLS.length)];
            Tuple master = tuple(r, r.nextBoolean(), mp);
            s.master(r.nextBoolean() ? master.withZone(3) : master);
            x.master(IpProtocol.hasPorts(mp) ? master : portless(master));
        }
        boolean helperOmitted = false;
        if (r.nextInt(3) == 0) {
            String helper = name(r, 1 + r.nextInt(15));
            s.helper(helper);
            if (helper.length() <= o.maxHelperNameLength()) {
                x.helper(helper);
            } else {
                helperOmitted = true;
            }
        }
        int adj = r.nextInt(6);
        if (adj > 0) {
            SeqAdj a = new SeqAdj(r.nextInt(), r.nextInt(), r.nextInt());
            SeqAdj b = new SeqAdj(r.nextInt(), r.nextInt(), r.nextInt());
            s.seqAdjOriginal(a);
            if (adj > 1) {
                s.seqAdjReply(b);
                x.seqAdjOriginal(a).seqAdjReply(b);
            }
        }
        if (r.nextInt(3) == 0) {
            byte[] bits = new byte[4 * (1 + r.nextInt(4))];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = r.nextInt(3) == 0 ? (byte) r.nextInt() : 0;
            }
            Labels l = Labels.of(bits);
            s.labels(l);
            x.labels(l.isEmpty() ? null : l);
        }
        if (r.nextBoolean()) {
            Synproxy sp = new Synproxy(r.nextInt(), r.nextInt(), r.nextInt());
            s.synproxy(sp);
            if (o.sendSynproxy()) {
                x.synproxy(sp);
            }
        }
        if (r.nextInt(3) == 0) {
            int zone = r.nextInt(0x10000);
            s.zone(zone);
            if (o.sendZone()) {
                x.zone(zone);
            }
        }
        s.id(r.nextInt())
                .use(r.nextInt(5))
                .secmark(r.nextInt())
                .eventTimestamp(r.nextLong())
                .countersOriginal(new Counters(r.nextInt(1000), r.nextInt(100000)))
                .countersReply(new Counters(r.nextInt(1000), r.nextInt(100000)))
                .timestamp(new Timestamp(r.nextLong(), 0))
                .secctx(r.nextBoolean() ? "system_u:object_r:unlabeled_t:s0" : null)
                .markMask(r.nextInt())
                .labelsMask(Labels.ofBits(1))
                .natSource(r.nextBoolean() ? NatRange.to(IpAddress.ANY_V4, 1) : null);
        return new Case(s.build(), x.build(), helperOmitted);
    }

    static Tuple tuple(Random r, boolean v6, int proto) {
        IpAddress src = address(r, v6);
        IpAddress dst = address(r, v6);
        if (proto == IpProtocol.ICMP || proto == IpProtocol.ICMPV6) {
            int[] types = v6 ? new int[] {128, 129, 1, r.nextInt(256)} : new int[] {8, 0, 13, 3, r.nextInt(256)};
            return new Tuple(
                    src,
                    dst,
                    v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP,
                    r.nextInt(0x10000),
                    (types[r.nextInt(types.length)] << 8) | r.nextInt(256),
                    Tuple.NO_ZONE);
        }
        if (!IpProtocol.hasPorts(proto)) {
            return new Tuple(src, dst, proto, 0, 0, Tuple.NO_ZONE);
        }
        return new Tuple(src, dst, proto, r.nextInt(0x10000), r.nextInt(0x10000), Tuple.NO_ZONE);
    }

    static IpAddress address(Random r, boolean v6) {
        return v6 ? IpAddress.v6(r.nextLong(), r.nextLong()) : IpAddress.v4(r.nextInt());
    }

    static String name(Random r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }

    private static Tuple portless(Tuple t) {
        return new Tuple(t.src(), t.dst(), t.protocol(), 0, 0, Tuple.NO_ZONE);
    }

    private static IpAddress other(Random r, boolean v6, IpAddress not) {
        IpAddress a;
        do {
            a = address(r, v6);
        } while (a.equals(not));
        return a;
    }

    private static int otherPort(Random r, int not) {
        int p;
        do {
            p = r.nextInt(0x10000);
        } while (p == not);
        return p;
    }

    private static Tuple withSrc(Tuple t, IpAddress a) {
        return new Tuple(a, t.dst(), t.protocol(), t.srcPort(), t.dstPort(), t.zone());
    }

    private static Tuple withDst(Tuple t, IpAddress a) {
        return new Tuple(t.src(), a, t.protocol(), t.srcPort(), t.dstPort(), t.zone());
    }

    private static Tuple withPorts(Tuple t, int sport, int dport) {
        return new Tuple(t.src(), t.dst(), t.protocol(), sport, dport, t.zone());
    }
}
