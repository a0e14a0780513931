package io.ctsync.protocol.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConntrackModelTest {

    static final Tuple ORIG = Tuple.of("10.0.0.5", "192.0.2.10", IpProtocol.TCP, 33000, 443);

    @Test
    void shouldInvertPortsAndAddresses() {
        Tuple r = ORIG.invert();
        assertEquals(Tuple.of("192.0.2.10", "10.0.0.5", IpProtocol.TCP, 443, 33000), r);
        assertEquals(ORIG, r.invert());
    }

    @Test
    void shouldInvertIcmpEchoIntoEchoReplyKeepingTheId() {
        Tuple ping = Tuple.icmp(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), 8, 0, 4321);
        Tuple reply = ping.invert();
        assertEquals(0, reply.icmpType());
        assertEquals(4321, reply.icmpId());
        assertEquals(IpAddress.parse("10.0.0.2"), reply.src());
        Tuple ping6 = Tuple.icmp(IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:db8::2"), 128, 0, 7);
        assertEquals(IpProtocol.ICMPV6, ping6.protocol());
        assertEquals(129, ping6.invert().icmpType());
    }

    @Test
    void shouldRejectMixedFamiliesAndOutOfRangeFields() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Tuple.of(IpAddress.parse("10.0.0.1"), IpAddress.parse("::1"), 6, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Tuple.of("10.0.0.1", "10.0.0.2", 6, 70000, 2));
        assertThrows(IllegalArgumentException.class, () -> Tuple.of("10.0.0.1", "10.0.0.2", 256, 1, 2));
        assertThrows(NullPointerException.class, () -> ConntrackEntry.builder().build());
    }

    @Test
    void shouldCompareEntriesByValueAndTellAbsentFromZero() {
        ConntrackEntry a = ConntrackEntry.builder()
                .original(ORIG)
                .reply(ORIG.invert())
                .status(0xe)
                .timeout(600)
                .mark(0x1234)
                .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, 0x0a, 0x0a))
                .labels(Labels.ofBits(1, 127))
                .build();
        ConntrackEntry b = a.toBuilder().build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.toBuilder().mark(0x1235).build());
        ConntrackEntry noMark = a.toBuilder().clearMark().build();
        assertFalse(noMark.hasMark());
        assertNotEquals(noMark, a.toBuilder().mark(0).build());
        assertTrue(a.hasStatusBits(ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED));
    }

    @Test
    void shouldKeepOneProtoinfoAtATime() {
        ConntrackEntry e = ConntrackEntry.builder()
                .original(ORIG)
                .tcp(TcpInfo.of(TcpState.SYN_SENT))
                .sctp(new SctpInfo(SctpState.ESTABLISHED, 1, 2))
                .build();
        assertNull(e.tcp());
        assertEquals(SctpState.ESTABLISHED, e.sctp().state());
    }

    @Test
    void shouldNotLeakLabelArrays() {
        byte[] raw = new byte[16];
        raw[0] = 1;
        Labels l = Labels.of(raw);
        raw[0] = 2;
        assertTrue(l.isSet(0));
        l.toBytes()[0] = 0;
        assertTrue(l.isSet(0));
        assertEquals(l, Labels.ofBits(0));
        assertEquals("0", l.toString());
        assertThrows(IllegalArgumentException.class, () -> Labels.of(new byte[5]));
    }

    @Test
    void shouldKeyEntriesByOriginalTupleAndZone() {
        Map<ConntrackKey, String> cache = new HashMap<>();
        ConntrackEntry e = ConntrackEntry.builder().original(ORIG).zone(7).build();
        cache.put(e.key(), "x");
        assertEquals(
                "x", cache.get(new ConntrackKey(Tuple.of("10.0.0.5", "192.0.2.10", IpProtocol.TCP, 33000, 443), 7)));
        assertNull(cache.get(new ConntrackKey(ORIG, 0)));
    }

    @Test
    void shouldDeriveSnatFromReplyDestination() {
        // UDP 10.0.0.5:5000 -> 192.0.2.1:53, SNAT to 100.64.0.1:7000 (status 0x198 as the kernel sets it).
        Tuple orig = Tuple.of("10.0.0.5", "192.0.2.1", IpProtocol.UDP, 5000, 53);
        Tuple reply = Tuple.of("192.0.2.1", "100.64.0.1", IpProtocol.UDP, 53, 7000);
        ConntrackEntry e = ConntrackEntry.builder()
                .original(orig)
                .reply(reply)
                .status(0x198)
                .timeout(30)
                .build();
        NatRanges nat = NatRanges.derive(e);
        assertEquals(NatRange.to(IpAddress.parse("100.64.0.1"), 7000), nat.source());
        assertNull(nat.destination());

        ConntrackEntry req = NatRanges.toCreateRequest(e);
        assertEquals(orig.invert(), req.reply());
        assertEquals(ConntrackStatus.CONFIRMED, req.status());
        assertEquals(nat.source(), req.natSource());
    }

    @Test
    void shouldDeriveDnatAddressOnlyWhenThePortIsKept() {
        // TCP 198.51.100.7:40000 -> 203.0.113.1:80 DNATed to 10.0.0.80:80.
        Tuple orig = Tuple.of("198.51.100.7", "203.0.113.1", IpProtocol.TCP, 40000, 80);
        Tuple reply = Tuple.of("10.0.0.80", "198.51.100.7", IpProtocol.TCP, 80, 40000);
        ConntrackEntry e = ConntrackEntry.builder()
                .original(orig)
                .reply(reply)
                .status(0x1ae | ConntrackStatus.EXPECTED)
                .build();
        NatRanges nat = NatRanges.derive(e);
        assertNull(nat.source());
        assertEquals(
                new NatRange(IpAddress.parse("10.0.0.80"), IpAddress.parse("10.0.0.80"), -1, -1), nat.destination());
        assertEquals(0, NatRanges.toCreateRequest(e).status() & ConntrackStatus.EXPECTED);
    }

    @Test
    void shouldDeriveNothingWithoutNatDoneBits() {
        ConntrackEntry e = ConntrackEntry.builder()
                .original(ORIG)
                .reply(Tuple.of("192.0.2.10", "100.64.0.1", IpProtocol.TCP, 443, 61000))
                .status(0x0e)
                .build();
        assertTrue(NatRanges.derive(e).isEmpty());
    }

    @Test
    void shouldPrintStatusBitNames() {
        assertEquals("SEEN_REPLY|ASSURED|CONFIRMED", ConntrackStatus.toString(0xe));
        assertEquals("CONFIRMED|0x10000", ConntrackStatus.toString(0x10008));
        assertEquals(ConntrackStatus.CONFIRMED | ConntrackStatus.SEEN_REPLY, ConntrackStatus.forCreate(0x203));
    }
}
