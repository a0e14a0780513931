package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.conntrack.ConntrackEntry;
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
import java.util.Random;

/** Seeded generator of valid entries and expectations, every optional part present or not at random. */
final class RandomEntries {
    private static final int[] PROTOCOLS = {
        IpProtocol.TCP,
        IpProtocol.UDP,
        IpProtocol.UDPLITE,
        IpProtocol.ICMP,
        IpProtocol.ICMPV6,
        IpProtocol.SCTP,
        IpProtocol.DCCP,
        IpProtocol.GRE,
        50,
        0,
        255
    };

    private final Random rnd;

    RandomEntries(long seed) {
        this.rnd = new Random(seed);
    }

    Random random() {
        return rnd;
    }

    IpAddress address(boolean v6) {
        return v6 ? IpAddress.v6(rnd.nextLong(), rnd.nextLong()) : IpAddress.v4(rnd.nextInt());
    }

    Tuple tuple(boolean v6, int protocol) {
        int zone = rnd.nextInt(4) == 0 ? rnd.nextInt(65536) : Tuple.NO_ZONE;
        int sport = 0;
        int dport = 0;
        if (IpProtocol.hasPorts(protocol) || IpProtocol.isIcmp(protocol) || rnd.nextInt(5) == 0) {
            sport = rnd.nextInt(65536);
            dport = rnd.nextInt(65536);
        }
        return new Tuple(address(v6), address(v6), protocol, sport, dport, zone);
    }

    private boolean maybe() {
        return rnd.nextBoolean();
    }

    private Labels labels() {
        byte[] b = new byte[4 * (1 + rnd.nextInt(4))];
        rnd.nextBytes(b);
        return Labels.of(b);
    }

    private String name() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(15);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private int optionalByte() {
        return maybe() ? rnd.nextInt(256) : TcpInfo.ABSENT;
    }

    private NatRange natRange(boolean v6) {
        IpAddress min = maybe() ? address(v6) : null;
        IpAddress max = maybe() ? address(v6) : null;
        int minPort = maybe() ? rnd.nextInt(65536) : NatRange.ABSENT;
        int maxPort = maybe() ? rnd.nextInt(65536) : NatRange.ABSENT;
        return new NatRange(min, max, minPort, maxPort);
    }

    ConntrackEntry entry() {
        boolean v6 = maybe();
        int protocol = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        ConntrackEntry.Builder b = ConntrackEntry.builder().original(tuple(v6, protocol));
        if (maybe()) {
            b.reply(tuple(v6, protocol));
        }
        if (rnd.nextInt(5) == 0) {
            b.master(tuple(v6, PROTOCOLS[rnd.nextInt(PROTOCOLS.length)]));
        }
        if (maybe()) {
            b.status(rnd.nextInt());
        }
        if (maybe()) {
            b.timeout(rnd.nextInt());
        }
        if (maybe()) {
            b.mark(rnd.nextInt());
        }
        if (maybe()) {
            b.markMask(rnd.nextInt());
        }
        if (maybe()) {
            b.zone(rnd.nextInt(65536));
        }
        if (maybe()) {
            b.id(rnd.nextInt());
        }
        if (maybe()) {
            b.use(rnd.nextInt());
        }
        if (rnd.nextInt(4) == 0) {
            b.secmark(rnd.nextInt());
        }
        if (maybe()) {
            b.eventTimestamp(rnd.nextLong());
        }
        if (maybe()) {
            b.labels(labels());
        }
        if (rnd.nextInt(4) == 0) {
            b.labelsMask(labels());
        }
        switch (rnd.nextInt(4)) {
            case 0:
                int origFlags = optionalByte();
                int replyFlags = optionalByte();
                b.tcp(new TcpInfo(
                        TcpState.values()[rnd.nextInt(TcpState.values().length)],
                        origFlags,
                        origFlags == TcpInfo.ABSENT ? 0 : rnd.nextInt(256),
                        replyFlags,
                        replyFlags == TcpInfo.ABSENT ? 0 : rnd.nextInt(256),
                        optionalByte(),
                        optionalByte()));
                break;
            case 1:
                b.sctp(new SctpInfo(
                        SctpState.values()[rnd.nextInt(SctpState.values().length)], rnd.nextInt(), rnd.nextInt()));
                break;
            case 2:
                b.dccp(new DccpInfo(
                        DccpState.values()[rnd.nextInt(DccpState.values().length)],
                        maybe() ? rnd.nextInt(256) : DccpInfo.ABSENT,
                        maybe() ? rnd.nextLong() & 0xffffffffffffL : DccpInfo.NO_HANDSHAKE_SEQ));
                break;
            default:
                break;
        }
        if (rnd.nextInt(3) == 0) {
            b.natSource(natRange(v6));
        }
        if (rnd.nextInt(3) == 0) {
            b.natDestination(natRange(v6));
        }
        if (rnd.nextInt(3) == 0) {
            b.seqAdjOriginal(new SeqAdj(rnd.nextInt(), rnd.nextInt(), rnd.nextInt()));
        }
        if (rnd.nextInt(3) == 0) {
            b.seqAdjReply(new SeqAdj(rnd.nextInt(), rnd.nextInt(), rnd.nextInt()));
        }
        if (rnd.nextInt(3) == 0) {
            b.helper(name());
        }
        if (maybe()) {
            b.countersOriginal(new Counters(rnd.nextLong(), rnd.nextLong()));
        }
        if (maybe()) {
            b.countersReply(new Counters(rnd.nextLong(), rnd.nextLong()));
        }
        if (maybe()) {
            long start = rnd.nextLong();
            b.timestamp(new Timestamp(start == 0 ? 1 : start, maybe() ? 0 : rnd.nextLong()));
        }
        if (rnd.nextInt(4) == 0) {
            b.secctx("system_u:object_r:" + name() + "_t:s0");
        }
        if (rnd.nextInt(3) == 0) {
            b.synproxy(new Synproxy(rnd.nextInt(), rnd.nextInt(), rnd.nextInt()));
        }
        return b.build();
    }

    Expectation expectation() {
        boolean v6 = maybe();
        int protocol = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        Expectation.Builder b = Expectation.builder().tuple(tuple(v6, protocol));
        if (maybe()) {
            b.master(tuple(v6, protocol));
        }
        if (maybe()) {
            b.mask(tuple(v6, protocol));
        }
        if (maybe()) {
            b.timeout(rnd.nextInt());
        }
        if (maybe()) {
            b.id(rnd.nextInt());
        }
        if (maybe()) {
            b.helper(name());
        }
        if (maybe()) {
            b.zone(rnd.nextInt(65536));
        }
        if (maybe()) {
            b.flags(rnd.nextInt(8));
        }
        if (maybe()) {
            b.expectClass(rnd.nextInt());
        }
        if (maybe()) {
            b.nat(new ExpectationNat(rnd.nextInt(2), tuple(v6, protocol)));
        }
        if (maybe()) {
            b.function(name());
        }
        return b.build();
    }
}
