package io.ctsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small value types of the settings model: addresses, networks, marks, names, filter predicates. */
class ModelTest {

    private static InetAddress ip(String s) {
        return Addresses.parse(s).orElseThrow();
    }

    @Test
    void shouldParseAddressLiteralsOnlyAndNeverResolveNames() {
        assertEquals(Optional.empty(), Addresses.parse("localhost"));
        assertEquals(Optional.empty(), Addresses.parse("256.1.1.1"));
        assertEquals(Optional.empty(), Addresses.parse("1.2.3"));
        assertEquals(Optional.empty(), Addresses.parse("fe80::1%eth0"));
        assertEquals(AddressFamily.IPV6, Addresses.family(ip("::ffff:10.0.0.1")));
        assertEquals("2001:db8::1", Addresses.format(ip("2001:0db8:0:0:0:0:0:1")));
        assertEquals("ff02::1:3", Addresses.format(ip("ff02::1:3")));
        assertEquals("1::", Addresses.format(ip("1:0:0:0:0:0:0:0")));
    }

    @Test
    void shouldMatchAddressesAgainstNetworks() {
        Cidr net = Cidr.parse("192.168.100.7/24").orElseThrow();
        assertEquals("192.168.100.0/24", net.toString());
        assertTrue(net.contains(ip("192.168.100.200")));
        assertFalse(net.contains(ip("192.168.101.1")));
        assertFalse(net.contains(ip("::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").orElseThrow().contains(ip("8.8.8.8")));
        assertTrue(Cidr.parse("2001:db8::/33").orElseThrow().contains(ip("2001:db8:7fff::1")));
        assertFalse(Cidr.parse("2001:db8::/33").orElseThrow().contains(ip("2001:db8:8000::1")));
        assertEquals(Optional.empty(), Cidr.parse("10.0.0.0/33"));
        assertTrue(Cidr.hasHostBits("10.0.0.1/8"));
        assertFalse(Cidr.hasHostBits("10.0.0.0/8"));
    }

    @Test
    void shouldMatchMarksUnderTheirMask() {
        MarkMatch m = MarkMatch.parse("0x10/0xf0").orElseThrow();
        assertTrue(m.matches(0x1f));
        assertFalse(m.matches(0x20));
        assertEquals(new MarkMatch(5, 0xffffffffL), MarkMatch.parse("5").orElseThrow());
        assertEquals(Optional.empty(), MarkMatch.parse("0x100000000"));
        assertEquals(Optional.empty(), MarkMatch.parse("abc"));
        assertEquals("0x10/0xf0", m.toString());
    }

    @Test
    void shouldKnowProtocolsAndTcpStatesByConntrackdsNames() {
        assertEquals(Optional.of(58), IpProtocols.parse("IPv6-ICMP"));
        assertEquals(Optional.of(132), IpProtocols.parse("SCTP"));
        assertEquals(Optional.of(200), IpProtocols.parse("200"));
        assertEquals(Optional.empty(), IpProtocols.parse("256"));
        assertEquals("udplite", IpProtocols.name(136));
        assertEquals(Optional.of(TcpState.CLOSE), TcpState.byName("CLOSED"));
        assertEquals(Optional.of(TcpState.SYN_SENT2), TcpState.byName("listen"));
        assertEquals(3, TcpState.ESTABLISHED.kernelValue());
    }

    @Test
    void shouldSuggestCloseWordsOnly() {
        assertEquals(
                Optional.of("ack-window"),
                Suggestions.closest("ack_windw", List.of("ack-window", "resend-queue-size")));
        assertEquals(Optional.of("ftfw"), Suggestions.closest("ftwf", List.of("ftfw", "notrack", "alarm")));
        assertEquals(Optional.empty(), Suggestions.closest("banana", List.of("ftfw", "notrack", "alarm")));
    }

    @Test
    void shouldApplyEachFilterCriterion() {
        FilterSettings f = new FilterSettings(
                FilterLocation.USERSPACE,
                new Selection<>(List.of(6, 17), List.of()),
                new Selection<>(List.of(), List.of(Cidr.parse("10.1.0.0/16").orElseThrow())),
                true,
                true,
                new Selection<>(List.of(TcpState.ESTABLISHED), List.of()),
                new Selection<>(List.of(), List.of(new MarkMatch(1, 1))),
                new Selection<>(List.of(0), List.of()),
                new Selection<>(List.of(), List.of(3)),
                Duration.ofSeconds(2));
        assertTrue(f.admitsProtocol(6));
        assertFalse(f.admitsProtocol(1));
        assertTrue(f.admitsTcpState(TcpState.ESTABLISHED));
        assertFalse(f.admitsTcpState(TcpState.SYN_SENT));
        assertTrue(f.admitsMark(2));
        assertFalse(f.admitsMark(3));
        assertTrue(f.admitsZone(0));
        assertFalse(f.admitsZone(1));
        BitSet labels = new BitSet();
        assertTrue(f.admitsLabels(labels));
        labels.set(3);
        assertFalse(f.admitsLabels(labels));
        assertFalse(f.admitsAge(Duration.ofSeconds(1)));
        assertTrue(f.admitsAge(Duration.ofSeconds(2)));
        List<Cidr> implicit = FilterSettings.LOOPBACK;
        assertTrue(f.admitsAddresses(ip("192.0.2.1"), ip("198.51.100.1"), implicit));
        assertFalse(
                f.admitsAddresses(ip("192.0.2.1"), ip("10.1.2.3"), implicit),
                "the reply source matches the ignore list");
        assertFalse(f.admitsAddresses(ip("127.0.0.1"), ip("127.0.0.1"), implicit));
    }

    @Test
    void shouldPassAnEntryOnAnAcceptListIfEitherSourceMatches() {
        Selection<Cidr> accept =
                new Selection<>(List.of(Cidr.parse("192.0.2.0/24").orElseThrow()), List.of());
        assertTrue(accept.admits(c -> c.contains(ip("10.0.0.1")) || c.contains(ip("192.0.2.9"))));
        assertFalse(accept.admits(c -> c.contains(ip("10.0.0.1")) || c.contains(ip("10.0.0.2"))));
    }

    @Test
    void shouldReplicateExpectationsByHelperPrefix() {
        ExpectationSettings e = new ExpectationSettings(true, List.of("sip", "FTP"));
        assertTrue(e.replicates("sip-5060"));
        assertTrue(e.replicates("ftp"));
        assertFalse(e.replicates("tftp"));
        assertTrue(new ExpectationSettings(true, List.of()).replicates("anything"));
        assertFalse(new ExpectationSettings(false, List.of()).replicates("ftp"));
    }
}
