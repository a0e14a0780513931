package io.ctsync.protocol.sync;

import static io.ctsync.protocol.sync.ReferenceVectorsTest.attributeIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.DccpInfo;
import io.ctsync.protocol.conntrack.DccpState;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.ExpectationNat;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.Labels;
import io.ctsync.protocol.conntrack.SeqAdj;
import io.ctsync.protocol.conntrack.Synproxy;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which attributes the encoder sends under which entry contents and peer options. */
class SyncEncoderTest {
    private static final int NAT_DONE = ConntrackStatus.SRC_NAT_DONE | ConntrackStatus.DST_NAT_DONE;
    private static final Tuple TCP = Tuple.of("10.0.0.5", "8.8.8.8", IpProtocol.TCP, 40000, 443);
    private static final Tuple SNAT_REPLY = Tuple.of("8.8.8.8", "192.0.2.1", IpProtocol.TCP, 443, 61000);

    private final RecordingSink sink = new RecordingSink();

    private byte[] encode(SyncCodecOptions o, ConntrackEntry e) {
        return new SyncEncoder(o, sink).conntrack(SyncMessageType.CT_UPD, 0, 1, e);
    }

    private ConntrackEntry decode(SyncCodecOptions o, byte[] m) {
        List<SyncMessage> out = new java.util.ArrayList<>();
        new SyncDecoder(o, sink).decodeDatagram(ByteBuffer.wrap(m), out::add);
        return ((ConntrackStateMessage) out.get(0)).entry();
    }

    private static ConntrackEntry.Builder full() {
        return ConntrackEntry.builder()
                .original(TCP)
                .reply(SNAT_REPLY)
                .status(0x0e | ConntrackStatus.SRC_NAT | NAT_DONE)
                .tcp(new TcpInfo(TcpState.ESTABLISHED, 0x23, 0x23, 0x23, 0x23, 7, 9))
                .timeout(120)
                .mark(3)
                .helper("ftp")
                .labels(Labels.ofBits(3))
                .synproxy(new Synproxy(1, 2, 3))
                .zone(4);
    }

    @Test
    void shouldEmitConntrackdsAttributeOrder() {
        ConntrackEntry e = full().master(Tuple.of("10.0.0.5", "8.8.8.8", IpProtocol.TCP, 1, 21))
                .seqAdjOriginal(new SeqAdj(1, 2, 3))
                .seqAdjReply(new SeqAdj(4, 5, 6))
                .build();
        assertEquals(
                List.of(0, 5, 2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 16, 27, 28, 31, 32),
                attributeIds(encode(SyncCodecOptions.DEFAULT, e)));
    }

    @Test
    void shouldLeaveOutTheTimeoutWhenThisNodeHasACommitTimeout() {
        SyncCodecOptions o = SyncCodecOptions.builder().sendTimeout(false).build();
        assertFalse(attributeIds(encode(o, full().build())).contains(6));
        Expectation x = expectation(Tuple.of("1.1.1.1", "2.2.2.2", IpProtocol.TCP, 1, 21));
        byte[] m = new SyncEncoder(o, sink).expectation(SyncMessageType.EXP_NEW, 0, 1, x);
        assertFalse(attributeIds(m).contains(NtaExpAttr.TIMEOUT.id()));
    }

    @Test
    void shouldSendWindowScalesOnlyWithTcpWindowTracking() {
        SyncCodecOptions o = SyncCodecOptions.builder().tcpWindowTracking(true).build();
        byte[] m = encode(o, full().build());
        assertEquals(List.of(0, 5, 2, 3, 4, 25, 26, 6), attributeIds(m).subList(0, 8));
        assertTrue(Hex.of(m).contains("0005001907000000" + "0005001a09000000"));
        assertEquals(
                new TcpInfo(TcpState.ESTABLISHED, TcpInfo.ABSENT, 0, TcpInfo.ABSENT, 0, 7, 9),
                decode(o, m).tcp());
        byte[] absent = encode(o, full().tcp(TcpInfo.of(TcpState.SYN_SENT)).build());
        assertTrue(Hex.of(absent).contains("0005001900000000" + "0005001a00000000"), "unknown scales go as 0");
        byte[] noState = encode(o, full().tcp(null).build());
        assertFalse(attributeIds(noState).contains(25));
        assertFalse(attributeIds(noState).contains(4));
    }

    @Test
    void shouldLeaveOutAndCountHelperNamesAPeerCannotTake() {
        byte[] eleven =
                encode(SyncCodecOptions.DEFAULT, full().helper("abcdefghijk").build());
        assertTrue(Hex.of(eleven).contains("0010001b6162636465666768696a6b00"));
        assertEquals(List.of(), sink.reasons);
        byte[] twelve =
                encode(SyncCodecOptions.DEFAULT, full().helper("abcdefghijkl").build());
        assertFalse(attributeIds(twelve).contains(27));
        assertEquals(List.of(SyncDropReason.HELPER_NAME_TOO_LONG), sink.reasons);
        SyncCodecOptions ctsyncPeer =
                SyncCodecOptions.builder().maxHelperNameLength(15).build();
        byte[] fifteen = encode(ctsyncPeer, full().helper("abcdefghijklmno").build());
        assertEquals("abcdefghijklmno", decode(ctsyncPeer, fifteen).helper());
        assertThrows(
                IllegalArgumentException.class,
                () -> SyncCodecOptions.builder().maxHelperNameLength(16).build());
    }

    @Test
    void shouldSuppressSynproxyAndZoneForOldPeers() {
        SyncCodecOptions v146 = SyncCodecOptions.forConntrackd14(6, SyncCodecOptions.DEFAULT);
        List<Integer> ids = attributeIds(encode(v146, full().build()));
        assertTrue(ids.contains(31));
        assertFalse(ids.contains(32));
        assertTrue(v146.legacyNatAddressOrder());
        SyncCodecOptions v144 = SyncCodecOptions.forConntrackd14(4, SyncCodecOptions.DEFAULT);
        assertFalse(attributeIds(encode(v144, full().build())).contains(31));
        SyncCodecOptions v147 = SyncCodecOptions.forConntrackd14(7, SyncCodecOptions.DEFAULT);
        assertEquals(SyncCodecOptions.DEFAULT, v147);
        SyncCodecOptions bigEndian146 = SyncCodecOptions.forConntrackd14(
                6, SyncCodecOptions.builder().natPortOrder(ByteOrder.BIG_ENDIAN).build());
        assertFalse(bigEndian146.legacyNatAddressOrder(), "big-endian 1.4.6 already sent network order");
    }

    @Test
    void shouldByteReverseIpv4NatAddressesForLegacyPeersBothWays() {
        SyncCodecOptions legacy =
                SyncCodecOptions.builder().legacyNatAddressOrder(true).build();
        byte[] m = encode(legacy, full().build());
        assertTrue(Hex.of(m).contains("0008000c010200c0"), Hex.spaced(m));
        assertEquals(SNAT_REPLY, decode(legacy, m).reply());
        assertEquals(
                "1.2.0.192", decode(SyncCodecOptions.DEFAULT, m).reply().dst().toString());
    }

    @Test
    void shouldWriteNatPortsAndIcmpIdInTheConfiguredOrder() {
        SyncCodecOptions be =
                SyncCodecOptions.builder().natPortOrder(ByteOrder.BIG_ENDIAN).build();
        byte[] m = encode(be, full().build());
        assertTrue(Hex.of(m).contains("0006000eee480000"), Hex.spaced(m));
        assertEquals(SNAT_REPLY, decode(be, m).reply());
        Tuple icmp = Tuple.icmp(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), 8, 0, 0x1234);
        byte[] i = encode(be, ConntrackEntry.builder().original(icmp).build());
        assertTrue(Hex.of(i).contains("0006001812340000"));
        assertEquals(icmp, decode(be, i).original());
    }

    @Test
    void shouldSendNatPortsOfIcmpNeverAndOfPortProtocolsWhenTheyChanged() {
        Tuple icmp = Tuple.icmp(IpAddress.parse("10.0.0.7"), IpAddress.parse("192.0.2.1"), 8, 0, 4661);
        Tuple icmpReply = Tuple.icmp(IpAddress.parse("192.0.2.1"), IpAddress.parse("100.64.0.2"), 0, 0, 999);
        byte[] m = encode(
                SyncCodecOptions.DEFAULT,
                ConntrackEntry.builder()
                        .original(icmp)
                        .reply(icmpReply)
                        .status(0x08 | ConntrackStatus.SRC_NAT | NAT_DONE)
                        .build());
        assertEquals(List.of(0, 5, 2, 22, 23, 24, 12), attributeIds(m));

        Tuple udp = Tuple.of("10.0.0.5", "203.0.113.1", IpProtocol.UDP, 40000, 80);
        Tuple both = Tuple.of("10.0.0.80", "192.0.2.1", IpProtocol.UDP, 8080, 61000);
        byte[] b = encode(
                SyncCodecOptions.DEFAULT,
                ConntrackEntry.builder()
                        .original(udp)
                        .reply(both)
                        .status(0x08 | ConntrackStatus.NAT_MASK | NAT_DONE)
                        .build());
        assertEquals(List.of(0, 5, 2, 3, 12, 13, 14, 15), attributeIds(b));
        assertEquals(both, decode(SyncCodecOptions.DEFAULT, b).reply());
    }

    @Test
    void shouldSendNoNatWithoutReplyTupleAndASourcePortWhenTheStatusIsUnknown() {
        assertEquals(
                List.of(0, 5, 2, 3),
                attributeIds(encode(
                        SyncCodecOptions.DEFAULT,
                        ConntrackEntry.builder().original(TCP).build())));
        byte[] unknownStatus = encode(
                SyncCodecOptions.DEFAULT,
                ConntrackEntry.builder().original(TCP).reply(SNAT_REPLY).build());
        assertEquals(List.of(0, 5, 2, 3, 14), attributeIds(unknownStatus));
        assertTrue(Hex.of(unknownStatus).contains("0008000500000000"), "STATUS 0 when unknown");
    }

    @Test
    void shouldSendNatAddressesOnlyWhenTheirDoneBitIsSet() {
        byte[] m = encode(
                SyncCodecOptions.DEFAULT,
                ConntrackEntry.builder()
                        .original(TCP)
                        .reply(SNAT_REPLY)
                        .status(ConntrackStatus.DST_NAT_DONE)
                        .build());
        assertEquals(List.of(0, 5, 2, 3), attributeIds(m));
    }

    @Test
    void shouldSendLabelsAsManyBigEndianWordsAsTheBitmapHas() {
        byte[] one = encode(
                SyncCodecOptions.DEFAULT,
                full().labels(Labels.of(Hex.bytes("01000080"))).build());
        assertTrue(Hex.of(one).contains("0008001c80000001"), Hex.spaced(one));
        byte[] none = encode(
                SyncCodecOptions.DEFAULT, full().labels(Labels.of(new byte[16])).build());
        assertFalse(attributeIds(none).contains(28));
        assertEquals(
                Labels.ofBits(127, 0),
                decode(
                                SyncCodecOptions.DEFAULT,
                                encode(
                                        SyncCodecOptions.DEFAULT,
                                        full().labels(Labels.ofBits(0, 127)).build()))
                        .labels());
    }

    @Test
    void shouldSendSequenceAdjustmentsOnlyWithBothDirectionsAndSynproxyAsItsIsnTsoff() {
        assertFalse(attributeIds(encode(
                        SyncCodecOptions.DEFAULT,
                        full().seqAdjOriginal(new SeqAdj(1, 2, 3)).build()))
                .contains(16));
        byte[] m = encode(
                SyncCodecOptions.DEFAULT,
                full().seqAdjOriginal(new SeqAdj(1, 2, 3))
                        .seqAdjReply(new SeqAdj(4, 5, 6))
                        .build());
        assertTrue(Hex.of(m).contains("001c0010" + "000000010000000200000003" + "000000040000000500000006"));
        assertTrue(Hex.of(m).contains("0010001f" + "00000002" + "00000001" + "00000003"), "its, isn, tsoff");
    }

    @Test
    void shouldSendDccpRoleAndMasterPortsOnlyForPortProtocols() {
        Tuple dccp = Tuple.of("10.0.0.5", "192.0.2.1", IpProtocol.DCCP, 5004, 5005);
        byte[] m = encode(
                SyncCodecOptions.DEFAULT,
                ConntrackEntry.builder()
                        .original(dccp)
                        .dccp(new DccpInfo(DccpState.OPEN, DccpInfo.ABSENT, 77))
                        .master(Tuple.icmp(IpAddress.parse("1.1.1.1"), IpAddress.parse("2.2.2.2"), 8, 0, 1))
                        .build());
        assertEquals(List.of(0, 5, 2, 3, 20, 21, 8, 10), attributeIds(m));
        assertEquals(
                new DccpInfo(DccpState.OPEN, 0, DccpInfo.NO_HANDSHAKE_SEQ),
                decode(SyncCodecOptions.DEFAULT, m).dccp());
    }

    @Test
    void shouldSendExpectationPortsOnlyForPortMastersAndOmitAnIpv6NatTuple() {
        Expectation icmpMaster =
                expectation(Tuple.icmp(IpAddress.parse("1.1.1.1"), IpAddress.parse("2.2.2.2"), 8, 0, 1));
        byte[] m =
                new SyncEncoder(SyncCodecOptions.DEFAULT, sink).expectation(SyncMessageType.EXP_UPD, 0, 1, icmpMaster);
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 13, 15, 17, 18), attributeIds(m));

        Tuple v6 = Tuple.of("2001:db8::1", "2001:db8::2", IpProtocol.UDP, 5060, 5060);
        Expectation x = expectation(v6).toBuilder()
                .tuple(Tuple.of("2001:db8::2", "2001:db8::1", IpProtocol.UDP, 0, 7000))
                .mask(Tuple.of("ffff::", "ffff::", IpProtocol.UDP, 0, 0xffff))
                .nat(new ExpectationNat(0, v6))
                .build();
        byte[] m6 = new SyncEncoder(SyncCodecOptions.DEFAULT, sink).expectation(SyncMessageType.EXP_NEW, 0, 1, x);
        assertEquals(List.of(1, 2, 3, 5, 6, 7, 9, 10, 11, 12, 13), attributeIds(m6));
        assertEquals(List.of(SyncDropReason.EXPECTATION_NAT_IPV6_OMITTED), sink.reasons);
    }

    @Test
    void shouldRefuseProgrammingErrorsAndLeaveTheBufferUntouchedOnOverflow() {
        SyncEncoder enc = new SyncEncoder(SyncCodecOptions.DEFAULT, sink);
        ConntrackEntry e = full().build();
        assertThrows(IllegalArgumentException.class, () -> enc.conntrack(SyncMessageType.CT_NEW, SyncFlags.ACK, 1, e));
        assertThrows(IllegalArgumentException.class, () -> enc.conntrack(SyncMessageType.EXP_NEW, 0, 1, e));
        assertThrows(
                IllegalArgumentException.class,
                () -> enc.expectation(
                        SyncMessageType.EXP_NEW,
                        0,
                        1,
                        Expectation.builder().tuple(TCP).build()));
        ByteBuffer small = ByteBuffer.allocate(40);
        small.position(3);
        assertThrows(BufferOverflowException.class, () -> enc.encodeConntrack(SyncMessageType.CT_NEW, 0, 1, e, small));
        assertEquals(3, small.position());
        ByteBuffer exact = ByteBuffer.allocate(200);
        exact.position(4);
        int len = enc.encodeConntrack(SyncMessageType.CT_NEW, 0, 1, e, exact);
        assertEquals(4 + len, exact.position());
        assertEquals(len, SyncHeader.length(exact, 4));
    }

    private static Expectation expectation(Tuple master) {
        return Expectation.builder()
                .master(master)
                .tuple(Tuple.of("2.2.2.2", "1.1.1.1", master.protocol(), 0, 5000))
                .mask(Tuple.of("255.255.255.255", "255.255.255.255", master.protocol(), 0, 0xffff))
                .timeout(60)
                .flags(0)
                .nat(new ExpectationNat(1, Tuple.of("3.3.3.3", "4.4.4.4", master.protocol(), 1, 2)))
                .build();
    }
}
