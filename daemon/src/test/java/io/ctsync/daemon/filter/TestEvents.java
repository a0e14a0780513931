package io.ctsync.daemon.filter;

import io.ctsync.config.Cidr;
import io.ctsync.config.FilterSettings;
import io.ctsync.config.TcpState;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;

/** Hand-built ctnetlink event messages (the kernel's layout, ctnetlink.md §6 and §11) for filter tests. */
final class TestEvents {
    private TestEvents() {}

    /**
     * One conntrack event: {@code tcpState} -1 = no {@code CTA_PROTOINFO}; a mark or zone of 0 is left out
     * unless {@code explicitZeros}.
     */
    record Event(
            EventKind kind,
            int protocol,
            InetAddress originalSource,
            InetAddress originalDestination,
            InetAddress replySource,
            int tcpState,
            long mark,
            int zone,
            boolean explicitZeros) {

        boolean v6() {
            return originalSource.getAddress().length == 16;
        }

        /** What {@link FilterSettings}' predicates decide for this event (the kernel program must agree). */
        boolean admittedBy(FilterSettings f, List<Cidr> implicitIgnores) {
            boolean state = protocol != 6
                    || kind == EventKind.DESTROY
                    || tcpState < 0
                    || TcpState.byKernelValue(tcpState).map(f::admitsTcpState).orElseGet(() -> f.tcpStates()
                            .admits(s -> false));
            return f.admitsProtocol(protocol)
                    && f.admitsMark(mark)
                    && f.admitsZone(zone)
                    && state
                    && f.admitsAddresses(originalSource, replySource, implicitIgnores)
                    && f.admitsLabels(new BitSet());
        }

        byte[] bytes() {
            NetlinkMessageWriter w = NetlinkMessageWriter.allocate(1024);
            int type = kind == EventKind.DESTROY ? 0x0102 : 0x0100;
            int flags = kind == EventKind.NEW ? 0x600 : 0;
            w.beginMessage(type, flags, 0, 0).nfgenmsg(v6() ? 10 : 2, 0, 0);
            tuple(w, 1, originalSource, originalDestination, 1234, 80);
            tuple(w, 2, replySource, originalSource, 80, 1234);
            w.putBe32(3, 0x8); // CTA_STATUS
            w.putBe32(7, 120); // CTA_TIMEOUT
            if (mark != 0 || explicitZeros) {
                w.putBe32(8, (int) mark);
            }
            if (tcpState >= 0) {
                int info = w.beginNested(4);
                int tcp = w.beginNested(1);
                w.putU8(1, tcpState);
                w.putU8(2, 7);
                w.putU8(3, 7);
                w.putBytes(4, new byte[] {0x23, 0x23});
                w.putBytes(5, new byte[] {0x23, 0x23});
                w.endNested(tcp);
                w.endNested(info);
            }
            w.putBe32(11, 1); // CTA_USE
            w.putBe32(12, 0x1234_5678); // CTA_ID
            if (zone != 0 || explicitZeros) {
                w.putBe16(18, zone);
            }
            w.endMessage();
            ByteBuffer b = w.flip();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }

        private void tuple(NetlinkMessageWriter w, int type, InetAddress src, InetAddress dst, int sport, int dport) {
            int t = w.beginNested(type);
            int ip = w.beginNested(1);
            w.putBytes(v6() ? 3 : 1, src.getAddress());
            w.putBytes(v6() ? 4 : 2, dst.getAddress());
            w.endNested(ip);
            int proto = w.beginNested(2);
            w.putU8(1, protocol);
            if (protocol == 1 || protocol == 58) {
                w.putBe16(protocol == 1 ? 4 : 7, 42);
                w.putU8(protocol == 1 ? 5 : 8, 8);
                w.putU8(protocol == 1 ? 6 : 9, 0);
            } else {
                w.putBe16(2, sport);
                w.putBe16(3, dport);
            }
            w.endNested(proto);
            w.endNested(t);
        }
    }

    /** A bare netlink message of {@code type} with a 4-byte payload (NLMSG_ERROR/DONE, expectation events). */
    static byte[] other(int type) {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(64);
        w.beginMessage(type, 0, 0, 0).nfgenmsg(2, 0, 0).endMessage();
        ByteBuffer b = w.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static InetAddress ip(String literal) {
        return Cidr.parse(literal).orElseThrow().network();
    }
}
