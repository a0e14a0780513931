package io.ctsync.daemon.channel;

import static io.ctsync.daemon.channel.ChannelFixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ctsync.config.AddressFamily;
import io.ctsync.config.ChannelType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Payload limits follow conntrackd's header sizes per family; link-local IPv6 gets a scope. */
class LinkSetupTest {
    @Test
    void shouldSubtractConntrackdsHeaderSizesForIpv4() {
        assertEquals(1472, LinkSetup.payloadLimit(ChannelType.UDP, AddressFamily.IPV4, 1500));
        assertEquals(1472, LinkSetup.payloadLimit(ChannelType.MULTICAST, AddressFamily.IPV4, 1500));
        assertEquals(1460, LinkSetup.payloadLimit(ChannelType.TCP, AddressFamily.IPV4, 1500));
    }

    @Test
    void shouldSubtractTheRealIpv6HeaderSoDatagramsFitTheMtu() {
        assertEquals(1452, LinkSetup.payloadLimit(ChannelType.UDP, AddressFamily.IPV6, 1500));
        assertEquals(1440, LinkSetup.payloadLimit(ChannelType.TCP, AddressFamily.IPV6, 1500));
    }

    @Test
    void shouldNeverExceedTheLargestUdpPayload() {
        assertEquals(65507, LinkSetup.payloadLimit(ChannelType.UDP, AddressFamily.IPV4, 65536));
        assertEquals(65488, LinkSetup.payloadLimit(ChannelType.UDP, AddressFamily.IPV6, 65536));
    }

    @Test
    void shouldScopeLinkLocalIpv6AddressesToTheInterfaceOnly() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        InetAddress ll = ip("fe80::1");
        Inet6Address scoped = (Inet6Address) LinkSetup.scoped(ll, Optional.of(lo));
        assertEquals(lo.getIndex(), scoped.getScopeId());
        InetAddress global = ip("fd00::1");
        assertSame(global, LinkSetup.scoped(global, Optional.of(lo)));
        assertSame(ll, LinkSetup.scoped(ll, Optional.empty()));
    }

    @Test
    void shouldFormatAddressesWithoutHostNames() {
        assertEquals("10.0.0.1:3780", LinkSetup.format(new InetSocketAddress(ip("10.0.0.1"), 3780)));
        assertEquals("[fd00:0:0:0:0:0:0:1]:3780", LinkSetup.format(new InetSocketAddress(ip("fd00::1"), 3780)));
    }

    @Test
    void shouldCompareHostsIgnoringTheIpv6Scope() throws Exception {
        InetAddress plain = ip("fe80::1");
        InetAddress scoped = Inet6Address.getByAddress(null, plain.getAddress(), 1);
        assertEquals(true, LinkSetup.sameHost(plain, scoped));
        assertEquals(false, LinkSetup.sameHost(plain, ip("fe80::2")));
    }
}
