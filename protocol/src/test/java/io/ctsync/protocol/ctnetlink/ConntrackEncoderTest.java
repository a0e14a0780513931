package io.ctsync.protocol.ctnetlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.NatRange;
import io.ctsync.protocol.conntrack.TcpFlags;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import io.ctsync.protocol.netlink.Nfnetlink;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConntrackEncoderTest {

    private static final Tuple ORIG = Tuple.of("10.0.0.5", "192.0.2.10", IpProtocol.TCP, 33000, 443);

    private static byte[] bytes(NetlinkMessageWriter w) {
        byte[] out = new byte[w.length()];
        w.buffer().get(0, out);
        return out;
    }

    private static ConntrackEntry decodeOne(NetlinkMessageWriter w) {
        Golden.Collector c = new Golden.Collector();
        new CtnetlinkDecoder(c).decode(w.buffer(), 0, w.length());
        assertEquals(1, c.conntrack.size(), c.all.toString());
        return c.conntrack.get(0).entry();
    }

    @Test
    void shouldReproduceTheWorkedExampleRequestByteForByte() {
        ConntrackEntry e = ConntrackEntry.builder()
                .original(ORIG)
                .reply(Tuple.of("192.0.2.10", "100.64.0.1", IpProtocol.TCP, 443, 61000))
                .status(ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED)
                .timeout(600)
                .mark(0x1234)
                .tcp(TcpInfo.withFlags(
                        TcpState.ESTABLISHED,
                        TcpFlags.SACK_PERM | TcpFlags.BE_LIBERAL,
                        TcpFlags.SACK_PERM | TcpFlags.BE_LIBERAL))
                .build();
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(4096);
        int off = ConntrackEncoder.create(w, 1, e, ConntrackEncoder.CreateMode.EXCLUSIVE);
        w.addFlags(off, Netlink.NLM_F_ACK);
        String expected = "b4000000" + "0001" + "0506" + "01000000" + "00000000"
                + "02000000"
                + "34000180"
                + "14000180" + "080001000a000005" + "08000200c000020a"
                + "1c000280" + "0500010006000000" + "0600020080e80000" + "0600030001bb0000"
                + "34000280"
                + "14000180" + "08000100c000020a" + "0800020064400001"
                + "1c000280" + "0500010006000000" + "0600020001bb0000" + "06000300ee480000"
                + "080003000000000e"
                + "0800070000000258"
                + "0800080000001234"
                + "20000480"
                + "1c000180" + "0500010003000000" + "060004000a0a0000" + "060005000a0a0000";
        assertEquals(180, w.length());
        assertEquals(expected, HexFormat.of().formatHex(bytes(w)));
    }

    @Test
    void shouldSanitiseStatusOnCreate() {
        ConntrackEntry e = ConntrackEntry.builder()
                .original(ORIG)
                .reply(ORIG.invert())
                .status(ConntrackStatus.EXPECTED
                        | ConntrackStatus.ASSURED
                        | ConntrackStatus.DYING
                        | ConntrackStatus.SRC_NAT)
                .timeout(10)
                .build();
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(1024);
        ConntrackEncoder.create(w, 1, e, ConntrackEncoder.CreateMode.UPSERT);
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_CREATE, w.flagsAt(0));
        assertEquals(
                ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED,
                decodeOne(w).status());
    }

    @Test
    void shouldOmitNatMasterAndHelperOnUpdate() {
        ConntrackEntry e = ConntrackEntry.builder()
                .original(ORIG)
                .reply(ORIG.invert())
                .master(Tuple.of("10.0.0.5", "192.0.2.10", IpProtocol.TCP, 1000, 21))
                .natSource(NatRange.to(IpAddress.parse("100.64.0.1"), 61000))
                .natDestination(NatRange.to(IpAddress.parse("10.0.0.80"), NatRange.ABSENT))
                .helper("ftp")
                .status(ConntrackStatus.ASSURED)
                .mark(0x99)
                .markMask(0xff)
                .timeout(1234)
                .zone(4)
                .build();
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(1024);
        ConntrackEncoder.update(w, 9, e);
        assertEquals(Netlink.NLM_F_REQUEST, w.flagsAt(0));
        ConntrackEntry sent = decodeOne(w);
        assertNull(sent.master());
        assertNull(sent.natSource());
        assertNull(sent.natDestination());
        assertNull(sent.helper());
        assertEquals(0x99, sent.mark());
        assertEquals(0xff, sent.markMask());
        assertEquals(1234, sent.timeout());
        assertEquals(4, sent.zone());
        assertEquals(ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED, sent.status());

        w.reset();
        ConntrackEncoder.create(w, 9, e, ConntrackEncoder.CreateMode.EXCLUSIVE);
        ConntrackEntry created = decodeOne(w);
        assertEquals(e.master(), created.master());
        assertEquals(e.natSource(), created.natSource());
        assertEquals(e.natDestination(), created.natDestination());
        assertEquals("ftp", created.helper());
    }

    @Test
    void shouldAddressOneEntryByTupleAndZone() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(1024);
        ConntrackEncoder.get(w, 5, ORIG, 7);
        ConntrackEncoder.delete(w, 6, ORIG, -1);
        ConntrackEncoder.delete(w, 7, ORIG, 0, 0xdeadbeef);
        NetlinkMessageReader r = new NetlinkMessageReader(w.buffer(), 0, w.length());
        int[] types = {CtnlMessage.CT_GET, CtnlMessage.CT_DELETE, CtnlMessage.CT_DELETE};
        for (int type : types) {
            assertTrue(r.next());
            assertEquals(type, r.type());
            assertEquals(Netlink.NLM_F_REQUEST, r.flags());
        }
        Golden.Collector c = new Golden.Collector();
        new CtnetlinkDecoder(c).decode(w.buffer(), 0, w.length());
        // GET requests are not kernel output: the decoder drops them; DELETEs decode as DESTROY.
        assertEquals(2, c.conntrack.size());
        assertTrue(c.conntrack.get(0).entry().original().equals(ORIG));
        assertTrue(!c.conntrack.get(0).entry().hasZone());
        assertEquals(0xdeadbeef, c.conntrack.get(1).entry().id());
        assertEquals(0, c.conntrack.get(1).entry().zone());
    }

    @Test
    void shouldFlushWithVersionOneSoTheFamilyIsHonoured() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(64);
        ConntrackEncoder.flush(w, 3, Nfnetlink.AF_INET);
        assertEquals(
                "14000000" + "0201" + "0100" + "03000000" + "00000000" + "02010000",
                HexFormat.of().formatHex(bytes(w)));
    }

    @Test
    void shouldEncodeDumpFilters() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(256);
        ConntrackEncoder.dump(
                w,
                4,
                DumpFilter.family(Nfnetlink.AF_INET6)
                        .withMark(0x10, 0xf0)
                        .withZone(3)
                        .withStatus(4, 4));
        assertEquals(
                "3c000000" + "0101" + "0103" + "04000000" + "00000000" + "0a000000"
                        + "0800080000000010" + "08001500000000f0" + "0600120000030000" + "0800030000000004"
                        + "08001a0000000004",
                HexFormat.of().formatHex(bytes(w)));
    }

    @Test
    void shouldEncodeStatisticsAndDumpRequestsAsConntrackDoes() {
        assertSameRequest("stats", w -> ConntrackEncoder.getStats(w, seqOf("stats")));
        assertSameRequest("stats_cpu", w -> ConntrackEncoder.getStatsCpu(w, seqOf("stats_cpu")));
        assertSameRequest(
                "dump_ipv6", w -> ConntrackEncoder.dump(w, seqOf("dump_ipv6"), DumpFilter.family(Nfnetlink.AF_INET6)));
        assertSameRequest("expect_dump", w -> ExpectationEncoder.dump(w, seqOf("expect_dump"), Nfnetlink.AF_INET));
        assertSameRequest("expect_flush", w -> ExpectationEncoder.flush(w, seqOf("expect_flush"), Nfnetlink.AF_INET));
    }

    private static int seqOf(String fixture) {
        return ByteBuffer.wrap(Golden.datagrams(fixture, false).get(0))
                .order(ByteOrder.nativeOrder())
                .getInt(8);
    }

    private static void assertSameRequest(String fixture, java.util.function.Consumer<NetlinkMessageWriter> encode) {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(256);
        encode.accept(w);
        byte[] theirs = Golden.datagrams(fixture, false).get(0);
        int theirFlags = ByteBuffer.wrap(theirs).order(ByteOrder.nativeOrder()).getShort(6);
        w.addFlags(0, theirFlags & Netlink.NLM_F_ACK);
        assertArrayEquals(theirs, bytes(w), fixture);
    }

    @Test
    void shouldEncodeExpectationCreateWithMasterTupleAndMask() {
        Expectation x = Expectation.builder()
                .master(Tuple.of("127.0.0.1", "127.0.0.1", IpProtocol.TCP, 46050, 21))
                .tuple(Tuple.of("127.0.0.1", "127.0.0.1", IpProtocol.TCP, 0, 50000))
                .mask(Tuple.of("255.255.255.255", "255.255.255.255", IpProtocol.TCP, 0, 0xffff))
                .timeout(300)
                .helper("ftp")
                .id(77)
                .build();
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(1024);
        ExpectationEncoder.create(w, 1, x, ConntrackEncoder.CreateMode.EXCLUSIVE);
        ExpectationEncoder.get(w, 2, x.tuple(), null);
        ExpectationEncoder.delete(w, 3, x.tuple(), 0);
        ExpectationEncoder.flushHelper(w, 4, Nfnetlink.AF_INET, "ftp");
        Golden.Collector c = new Golden.Collector();
        new CtnetlinkDecoder(c).decode(w.buffer(), 0, w.length());
        assertEquals(MessageKind.NEW, c.expectations.get(0).kind());
        assertEquals(x.toBuilder().id(null).build(), c.expectations.get(0).expectation(), "create carries no id");
        assertEquals(MessageKind.DESTROY, c.expectations.get(1).kind());
        assertEquals(x.tuple(), c.expectations.get(1).expectation().tuple());
        assertEquals(
                List.of(
                        io.ctsync.protocol.netlink.DropReason.UNKNOWN_MESSAGE_TYPE,
                        io.ctsync.protocol.netlink.DropReason.MISSING_ATTRIBUTE),
                c.drops);
    }

    @Test
    void shouldLeaveCompletedMessagesWhenABatchBufferIsFull() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(400);
        ConntrackEntry e = ConntrackEntry.builder()
                .original(ORIG)
                .reply(ORIG.invert())
                .status(ConntrackStatus.CONFIRMED)
                .timeout(60)
                .build();
        int written = 0;
        try {
            while (true) {
                ConntrackEncoder.create(w, written + 1, e, ConntrackEncoder.CreateMode.EXCLUSIVE);
                written++;
            }
        } catch (BufferOverflowException full) {
            w.abortMessage();
        }
        assertEquals(written, w.messageCount());
        w.setAckOnLastMessage();
        Golden.Collector c = new Golden.Collector();
        new CtnetlinkDecoder(c).decode(w.buffer(), 0, w.length());
        assertEquals(written, c.conntrack.size());
        assertTrue(c.drops.isEmpty());
    }
}
