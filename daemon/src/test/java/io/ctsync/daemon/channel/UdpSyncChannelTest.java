package io.ctsync.daemon.channel;

import static io.ctsync.daemon.channel.ChannelFixtures.await;
import static io.ctsync.daemon.channel.ChannelFixtures.awaitTrue;
import static io.ctsync.daemon.channel.ChannelFixtures.freePort;
import static io.ctsync.daemon.channel.ChannelFixtures.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.ctsync.daemon.channel.ChannelFixtures.Collector;
import io.ctsync.daemon.channel.ChannelFixtures.Received;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.concurrent.Future;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** UDP unicast channels over real loopback sockets, with epoll and with NIO. */
class UdpSyncChannelTest {
    private EventLoopGroup groupA;
    private EventLoopGroup groupB;
    private SyncChannel a;
    private SyncChannel b;

    static java.util.stream.Stream<Transport> transports() {
        return ChannelFixtures.transports();
    }

    private void start(Transport t) {
        groupA = ChannelFixtures.newGroup(t, "engine-a");
        groupB = ChannelFixtures.newGroup(t, "engine-b");
    }

    @AfterEach
    void tearDown() {
        for (SyncChannel c : new SyncChannel[] {a, b}) {
            if (c != null) {
                c.close().awaitUninterruptibly(5000);
            }
        }
        for (EventLoopGroup g : new EventLoopGroup[] {groupA, groupB}) {
            if (g != null) {
                g.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS)
                        .awaitUninterruptibly();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldExchangeDatagramsBetweenTwoChannelsOnLoopback(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        Collector atB = new Collector();
        a = new UdpSyncChannel(
                ChannelFixtures.udp("udp-a", "127.0.0.1", "127.0.0.2", port),
                ChannelFixtures.loop(groupA),
                ChannelOptions.defaults());
        b = new UdpSyncChannel(
                ChannelFixtures.udp("udp-b", "127.0.0.2", "127.0.0.1", port),
                ChannelFixtures.loop(groupB),
                ChannelOptions.defaults());
        await(a.open(atA));
        await(b.open(atB));
        assertEquals(LinkState.UP, a.state());

        byte[] hello = SyncStreamSplitterTest.message(84, 1);
        a.send(hello);
        Received r = atB.next();
        assertArrayEquals(hello, r.bytes());
        assertSame(b, r.link());
        assertEquals(new InetSocketAddress(ip("127.0.0.1"), r.sender().getPort()), r.sender());
        assertTrue(r.thread().startsWith("engine-b"), r.thread());

        byte[] back = SyncStreamSplitterTest.message(16, 2);
        b.send(back);
        assertArrayEquals(back, atA.next().bytes());

        awaitTrue(
                "counters",
                () -> a.counters().packetsSent() == 1 && b.counters().packetsReceived() == 1);
        assertEquals(84, a.counters().bytesSent());
        assertEquals(84, b.counters().bytesReceived());
        assertEquals(0, a.counters().sendErrors());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldCarryAFullPackerPayloadAndManyDatagramsInOrderOnLoopback(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atB = new Collector();
        a = new UdpSyncChannel(
                ChannelFixtures.udp("udp-a", "127.0.0.1", "127.0.0.2", port),
                ChannelFixtures.loop(groupA),
                ChannelOptions.defaults());
        b = new UdpSyncChannel(
                ChannelFixtures.udp("udp-b", "127.0.0.2", "127.0.0.1", port),
                ChannelFixtures.loop(groupB),
                ChannelOptions.defaults());
        await(a.open(new Collector()));
        await(b.open(atB));
        assertEquals(1472, a.payloadLimit()); // no interface, no MTU: 1500 - 28
        DatagramPacker packer = DatagramPacker.forChannel(a);
        for (int i = 0; i < 170; i++) {
            packer.append(SyncStreamSplitterTest.message(84, i), 0, 84);
        }
        packer.flush();
        assertEquals(10, packer.payloadsSent());
        for (int i = 0; i < 10; i++) {
            assertEquals(17 * 84, atB.next().bytes().length);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldTalkToItselfOverIpv6Loopback(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector self = new Collector();
        ChannelSettings s = ChannelFixtures.udp("udp6", "::1", "::1", port);
        a = new UdpSyncChannel(s, ChannelFixtures.loop(groupA), ChannelOptions.defaults());
        await(a.open(self));
        assertEquals(1500 - 48, a.payloadLimit());
        byte[] m = SyncStreamSplitterTest.message(32, 3);
        a.send(m);
        Received r = self.next();
        assertArrayEquals(m, r.bytes());
        assertEquals(ip("::1"), r.sender().getAddress());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldSizePayloadsFromTheInterfaceMtu(Transport t) throws Exception {
        start(t);
        int port = freePort();
        ChannelSettings s = ChannelFixtures.link(
                "udp-lo", ChannelType.UDP, Optional.of("lo"), "127.0.0.1", "127.0.0.2", port, true);
        a = new UdpSyncChannel(s, ChannelFixtures.loop(groupA), ChannelOptions.defaults());
        await(a.open(new Collector()));
        int mtu = java.net.NetworkInterface.getByName("lo").getMTU();
        assertEquals(Math.min(mtu - 28, 65507), a.payloadLimit());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldFailToOpenWhenTheInterfaceDoesNotExist(Transport t) throws Exception {
        start(t);
        ChannelSettings s = ChannelFixtures.link(
                "udp-x", ChannelType.UDP, Optional.of("cts-nope0"), "127.0.0.1", "127.0.0.2", freePort(), true);
        a = new UdpSyncChannel(s, ChannelFixtures.loop(groupA), ChannelOptions.defaults());
        Future<Void> f = a.open(new Collector());
        assertTrue(f.awaitUninterruptibly(5000));
        assertFalse(f.isSuccess());
        assertTrue(f.cause().getMessage().contains("cts-nope0"), f.cause().getMessage());
        assertEquals(LinkState.CLOSED, a.state());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldFailToOpenWhenThePortIsTaken(Transport t) throws Exception {
        start(t);
        int port = freePort();
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), port))) {
            a = new UdpSyncChannel(
                    ChannelFixtures.udp("udp-a", "127.0.0.1", "127.0.0.2", port),
                    ChannelFixtures.loop(groupA),
                    ChannelOptions.defaults());
            Future<Void> f = a.open(new Collector());
            assertTrue(f.awaitUninterruptibly(5000));
            assertFalse(f.isSuccess());
            assertTrue(f.cause().getMessage().contains("cannot bind"), f.cause().getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldDropDatagramsFromOtherSourcesWhenTheSourceCheckIsOn(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        a = new UdpSyncChannel(
                ChannelFixtures.udp("udp-a", "127.0.0.1", "127.0.0.2", port),
                ChannelFixtures.loop(groupA),
                ChannelOptions.defaults().withSourceChecks(true, true));
        await(a.open(atA));
        byte[] m = SyncStreamSplitterTest.message(8, 1);
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(ip("127.0.0.3"), 0));
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(ip("127.0.0.2"), 0))) {
            stranger.send(new DatagramPacket(m, m.length, ip("127.0.0.1"), port));
            peer.send(new DatagramPacket(m, m.length, ip("127.0.0.1"), port));
        }
        Received r = atA.next();
        assertEquals(ip("127.0.0.2"), r.sender().getAddress());
        awaitTrue("foreign source counted", () -> a.counters().get(ChannelCounter.RECEIVE_FOREIGN_SOURCE) == 1);
        assertEquals(1, a.counters().receiveErrors());
        assertEquals(1, a.counters().packetsReceived());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldCountSendsAfterCloseAsErrors(Transport t) throws Exception {
        start(t);
        a = new UdpSyncChannel(
                ChannelFixtures.udp("udp-a", "127.0.0.1", "127.0.0.2", freePort()),
                ChannelFixtures.loop(groupA),
                ChannelOptions.defaults());
        await(a.open(new Collector()));
        await(a.close());
        assertEquals(LinkState.CLOSED, a.state());
        a.send(new byte[8]);
        awaitTrue("send error", () -> a.counters().get(ChannelCounter.SEND_CLOSED) == 1);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldForceSocketBuffersAndTurnChecksumsOffWithEpoll(Transport t) throws Exception {
        assumeTrue(t == Transport.EPOLL, "SO_NO_CHECK and SO_*BUFFORCE need epoll");
        assumeTrue(io.ctsync.daemon.testing.TestNetns.isRoot(), "SO_*BUFFORCE needs CAP_NET_ADMIN");
        start(t);
        ChannelSettings s = new ChannelSettings(
                "udp-a",
                ChannelType.UDP,
                false,
                Optional.empty(),
                Optional.of(ip("127.0.0.1")),
                Optional.of(ip("127.0.0.2")),
                freePort(),
                Optional.empty(),
                Optional.empty(),
                64L << 20,
                64L << 20,
                false,
                0);
        UdpSyncChannel u = new UdpSyncChannel(s, ChannelFixtures.loop(groupA), ChannelOptions.defaults());
        a = u;
        await(u.open(new Collector()));
        // the kernel doubles the forced value and ignores net.core.[rw]mem_max
        assertEquals(128 << 20, u.receiver.config().getReceiveBufferSize());
        assertEquals(128 << 20, u.sender.config().getSendBufferSize());
        assertEquals(1, u.sender.config().getOption(new IntegerUnixChannelOption("SO_NO_CHECK", 1, 11)));
    }
}
