package io.ctsync.daemon.channel;

import static io.ctsync.daemon.channel.ChannelFixtures.await;
import static io.ctsync.daemon.channel.ChannelFixtures.awaitTrue;
import static io.ctsync.daemon.channel.ChannelFixtures.ip;
import static io.ctsync.daemon.channel.SyncStreamSplitterTest.concat;
import static io.ctsync.daemon.channel.SyncStreamSplitterTest.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.ctsync.daemon.channel.ChannelFixtures.Collector;
import io.ctsync.daemon.channel.ChannelFixtures.Received;
import io.ctsync.daemon.testing.TestNetns;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channels between two fresh namespaces {@code cts-<random>-fw1} and {@code -fw2} joined by a
 * veth pair: UDP unicast, IPv4 and IPv6 multicast on the veth interface, and TCP, with both
 * transports. Each node's event loop thread lives in its namespace, as ctsyncd's does.
 */
class SyncChannelNamespaceIT {
    private static final String IF1 = "veth-fw1";
    private static final String IF2 = "veth-fw2";
    private static TestNetns fw1;
    private static TestNetns fw2;

    private final List<SyncChannel> channels = new ArrayList<>();
    private final List<EventLoopGroup> groups = new ArrayList<>();

    static Stream<Transport> transports() {
        return ChannelFixtures.transports();
    }

    @BeforeAll
    static void createNamespaces() {
        TestNetns.assumeRootWithIp();
        try {
            fw1 = TestNetns.create("fw1");
            fw2 = TestNetns.create("fw2");
            fw1.vethTo(fw2, IF1, IF2);
            fw1.exec("ip", "addr", "add", "10.99.0.1/24", "dev", IF1);
            fw2.exec("ip", "addr", "add", "10.99.0.2/24", "dev", IF2);
            fw1.exec("ip", "-6", "addr", "add", "fd00:99::1/64", "dev", IF1, "nodad");
            fw2.exec("ip", "-6", "addr", "add", "fd00:99::2/64", "dev", IF2, "nodad");
            fw1.exec("ip", "-6", "addr", "add", "fe80::99:1/64", "dev", IF1, "nodad");
            fw2.exec("ip", "-6", "addr", "add", "fe80::99:2/64", "dev", IF2, "nodad");
        } catch (RuntimeException e) {
            deleteNamespaces();
            throw e;
        }
    }

    @AfterAll
    static void deleteNamespaces() {
        try {
            if (fw1 != null) {
                fw1.close(); // deleting the namespace deletes its veth end, and so the pair
            }
        } finally {
            if (fw2 != null) {
                fw2.close();
            }
        }
    }

    @AfterEach
    void closeChannels() {
        for (SyncChannel c : channels) {
            c.close().awaitUninterruptibly(5000);
        }
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    /** An engine loop whose thread runs inside {@code ns}. */
    private EventLoop loopIn(TestNetns ns, Transport t) {
        ThreadFactory tf = r -> {
            Thread outer = new Thread(
                    () -> {
                        try {
                            ns.namespace().run(r::run);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "engine-" + ns.name());
            outer.setDaemon(true);
            return outer;
        };
        EventLoopGroup g = t.newEventLoopGroup(tf);
        groups.add(g);
        return (EventLoop) g.next();
    }

    private <C extends SyncChannel> C opened(C channel, Collector listener) {
        channels.add(channel);
        await(channel.open(listener));
        return channel;
    }

    private static ChannelSettings unicast(ChannelType type, String iface, String local, String peer, int port) {
        return ChannelFixtures.link(type + "-" + iface, type, Optional.of(iface), local, peer, port, true);
    }

    /** Sends one payload each way and checks it arrives whole from the peer's address. */
    private static void exchange(SyncChannel one, Collector atOne, SyncChannel two, Collector atTwo, String oneAddress)
            throws Exception {
        byte[] there = concat(message(84, 1), message(84, 2));
        one.send(there);
        Received r = atTwo.next();
        assertArrayEquals(there, r.bytes());
        if (oneAddress != null) {
            assertEquals(ip(oneAddress), r.sender().getAddress());
        }
        byte[] back = message(16, 3);
        two.send(back);
        assertArrayEquals(back, atOne.next().bytes());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void udpUnicastOverIpv4BetweenNamespaces(Transport t) throws Exception {
        Collector c1 = new Collector();
        Collector c2 = new Collector();
        SyncChannel a = opened(
                new UdpSyncChannel(
                        unicast(ChannelType.UDP, IF1, "10.99.0.1", "10.99.0.2", 3780),
                        loopIn(fw1, t),
                        ChannelOptions.defaults().withSourceChecks(true, true)),
                c1);
        SyncChannel b = opened(
                new UdpSyncChannel(
                        unicast(ChannelType.UDP, IF2, "10.99.0.2", "10.99.0.1", 3780),
                        loopIn(fw2, t),
                        ChannelOptions.defaults().withSourceChecks(true, true)),
                c2);
        assertEquals(1472, a.payloadLimit()); // veth MTU 1500
        exchange(a, c1, b, c2, "10.99.0.1");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void udpUnicastOverIpv6GlobalAndLinkLocalAddresses(Transport t) throws Exception {
        Collector c1 = new Collector();
        Collector c2 = new Collector();
        SyncChannel a = opened(
                new UdpSyncChannel(
                        unicast(ChannelType.UDP, IF1, "fd00:99::1", "fd00:99::2", 3780),
                        loopIn(fw1, t),
                        ChannelOptions.defaults()),
                c1);
        SyncChannel b = opened(
                new UdpSyncChannel(
                        unicast(ChannelType.UDP, IF2, "fd00:99::2", "fd00:99::1", 3780),
                        loopIn(fw2, t),
                        ChannelOptions.defaults()),
                c2);
        assertEquals(1500 - 48, a.payloadLimit());
        exchange(a, c1, b, c2, "fd00:99::1");

        // link-local addresses get the interface as scope
        Collector l1 = new Collector();
        Collector l2 = new Collector();
        SyncChannel la = opened(
                new UdpSyncChannel(
                        unicast(ChannelType.UDP, IF1, "fe80::99:1", "fe80::99:2", 3781),
                        loopIn(fw1, t),
                        ChannelOptions.defaults()),
                l1);
        SyncChannel lb = opened(
                new UdpSyncChannel(
                        unicast(ChannelType.UDP, IF2, "fe80::99:2", "fe80::99:1", 3781),
                        loopIn(fw2, t),
                        ChannelOptions.defaults()),
                l2);
        exchange(la, l1, lb, l2, "fe80::99:1");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void checksumOffSendsIpv4DatagramsWithAZeroUdpChecksumWithEpoll(Transport t) throws Exception {
        assumeTrue(t == Transport.EPOLL, "SO_NO_CHECK is set with epoll only (NIO keeps checksums on)");
        TestNetns.assumeCommand("nft");
        fw2.nft("table ip cts_cksum {\n"
                + "  chain input {\n"
                + "    type filter hook input priority 0; policy accept;\n"
                + "    udp dport 3786 udp checksum 0 counter\n"
                + "    udp dport 3787 udp checksum 0 counter\n"
                + "  }\n"
                + "}\n");
        try {
            EventLoop l1 = loopIn(fw1, t);
            Collector c2 = new Collector();
            SyncChannel off = opened(
                    new UdpSyncChannel(
                            ChannelFixtures.link(
                                    "off", ChannelType.UDP, Optional.of(IF1), "10.99.0.1", "10.99.0.2", 3786, false),
                            l1,
                            ChannelOptions.defaults()),
                    new Collector());
            SyncChannel on = opened(
                    new UdpSyncChannel(
                            ChannelFixtures.link(
                                    "on", ChannelType.UDP, Optional.of(IF1), "10.99.0.1", "10.99.0.2", 3787, true),
                            l1,
                            ChannelOptions.defaults()),
                    new Collector());
            SyncChannel offPeer = opened(
                    new UdpSyncChannel(
                            ChannelFixtures.link(
                                    "off-peer",
                                    ChannelType.UDP,
                                    Optional.of(IF2),
                                    "10.99.0.2",
                                    "10.99.0.1",
                                    3786,
                                    true),
                            loopIn(fw2, t),
                            ChannelOptions.defaults()),
                    c2);
            SyncChannel onPeer = opened(
                    new UdpSyncChannel(
                            ChannelFixtures.link(
                                    "on-peer", ChannelType.UDP, Optional.of(IF2), "10.99.0.2", "10.99.0.1", 3787, true),
                            loopIn(fw2, t),
                            ChannelOptions.defaults()),
                    c2);
            off.send(message(8, 1));
            on.send(message(8, 2));
            c2.next();
            c2.next();
            String rules = fw2.exec("nft", "list", "table", "ip", "cts_cksum");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "dport (\\d+) udp checksum 0 counter packets (\\d+)")
                    .matcher(rules);
            java.util.Map<String, String> zeroByPort = new java.util.HashMap<>();
            while (m.find()) {
                zeroByPort.put(m.group(1), m.group(2));
            }
            assertEquals("1", zeroByPort.get("3786"), rules);
            assertEquals("0", zeroByPort.get("3787"), rules);
            assertTrue(offPeer.counters().packetsReceived() + onPeer.counters().packetsReceived() == 2);
        } finally {
            fw2.exec("nft", "delete", "table", "ip", "cts_cksum");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void ipv4MulticastOnTheVethInterface(Transport t) throws Exception {
        Collector c1 = new Collector();
        Collector c2 = new Collector();
        SyncChannel a = opened(
                new MulticastSyncChannel(
                        ChannelFixtures.multicast("mc-fw1", IF1, "225.0.0.50", 3780),
                        loopIn(fw1, t),
                        ChannelOptions.defaults()),
                c1);
        SyncChannel b = opened(
                new MulticastSyncChannel(
                        ChannelFixtures.multicast("mc-fw2", IF2, "225.0.0.50", 3780),
                        loopIn(fw2, t),
                        ChannelOptions.defaults()),
                c2);
        exchange(a, c1, b, c2, "10.99.0.1");
        assertNull(c1.payloads.poll(200, TimeUnit.MILLISECONDS), "multicast loop must be off");

        // bound to the group (conntrackd 1.4.9): unicast to the port is not received
        fw1.namespace().run(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] m = message(8, 9);
                s.send(new DatagramPacket(m, m.length, ip("10.99.0.2"), 3780));
            }
        });
        assertNull(c2.payloads.poll(300, TimeUnit.MILLISECONDS), "unicast to the group port was accepted");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void ipv4MulticastWithAnInterfaceAddressAsConntrackdsIpv4Interface(Transport t) throws Exception {
        Collector c1 = new Collector();
        Collector c2 = new Collector();
        ChannelSettings s1 = new ChannelSettings(
                "mc-fw1",
                ChannelType.MULTICAST,
                true,
                Optional.of(IF1),
                Optional.empty(),
                Optional.empty(),
                3782,
                Optional.of(ip("225.0.0.51")),
                Optional.of(ip("10.99.0.1")),
                0,
                0,
                false,
                0);
        SyncChannel a = opened(new MulticastSyncChannel(s1, loopIn(fw1, t), ChannelOptions.defaults()), c1);
        SyncChannel b = opened(
                new MulticastSyncChannel(
                        ChannelFixtures.multicast("mc-fw2", IF2, "225.0.0.51", 3782),
                        loopIn(fw2, t),
                        ChannelOptions.defaults()),
                c2);
        exchange(a, c1, b, c2, "10.99.0.1");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void ipv6MulticastOnTheVethInterface(Transport t) throws Exception {
        Collector c1 = new Collector();
        Collector c2 = new Collector();
        SyncChannel a = opened(
                new MulticastSyncChannel(
                        ChannelFixtures.multicast("mc6-fw1", IF1, "ff12::50", 3780),
                        loopIn(fw1, t),
                        ChannelOptions.defaults()),
                c1);
        SyncChannel b = opened(
                new MulticastSyncChannel(
                        ChannelFixtures.multicast("mc6-fw2", IF2, "ff12::50", 3780),
                        loopIn(fw2, t),
                        ChannelOptions.defaults()),
                c2);
        assertEquals(1500 - 48, a.payloadLimit());
        exchange(a, c1, b, c2, null);
        assertNull(c1.payloads.poll(200, TimeUnit.MILLISECONDS), "multicast loop must be off");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void tcpOverIpv4AndIpv6BetweenNamespaces(Transport t) throws Exception {
        ChannelOptions fast = ChannelOptions.defaults()
                .withReconnect(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(500));
        for (String[] addr : new String[][] {{"10.99.0.1", "10.99.0.2"}, {"fd00:99::1", "fd00:99::2"}}) {
            Collector c1 = new Collector();
            Collector c2 = new Collector();
            TcpSyncChannel a = opened(
                    new TcpSyncChannel(unicast(ChannelType.TCP, IF1, addr[0], addr[1], 3790), loopIn(fw1, t), fast),
                    c1);
            TcpSyncChannel b = opened(
                    new TcpSyncChannel(unicast(ChannelType.TCP, IF2, addr[1], addr[0], 3790), loopIn(fw2, t), fast),
                    c2);
            awaitTrue("connected", () -> a.state() == LinkState.UP && b.state() == LinkState.UP);
            exchange(a, c1, b, c2, addr[0]);

            // the peer restarts: the connection comes back
            await(b.close());
            awaitTrue("down", () -> a.state() == LinkState.DOWN);
            Collector c3 = new Collector();
            TcpSyncChannel b2 = opened(
                    new TcpSyncChannel(unicast(ChannelType.TCP, IF2, addr[1], addr[0], 3790), loopIn(fw2, t), fast),
                    c3);
            awaitTrue("reconnected", () -> a.state() == LinkState.UP && b2.state() == LinkState.UP);
            exchange(a, c1, b2, c3, addr[0]);
            await(a.close());
            await(b2.close());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void multiChannelFailsOverToTheSecondLinkWhenTheFirstIsUnreachable(Transport t) throws Exception {
        EventLoop l1 = loopIn(fw1, t);
        EventLoop l2 = loopIn(fw2, t);
        // link 0 points at an address nobody has: its sends vanish; the peer answers only on link 1
        List<SyncChannel> links1 = List.of(
                new UdpSyncChannel(
                        ChannelFixtures.link(
                                "link0", ChannelType.UDP, Optional.of(IF1), "10.99.0.1", "10.99.0.3", 3784, true),
                        l1,
                        ChannelOptions.defaults()),
                new UdpSyncChannel(
                        ChannelFixtures.link(
                                "link1", ChannelType.UDP, Optional.of(IF1), "10.99.0.1", "10.99.0.2", 3785, true),
                        l1,
                        ChannelOptions.defaults()));
        MultiChannel m1 = new MultiChannel("sync", links1, 0, java.time.Duration.ofSeconds(5), 3, l1);
        Collector c1 = new Collector();
        opened(m1, c1);
        Collector c2 = new Collector();
        SyncChannel b = opened(
                new UdpSyncChannel(
                        unicast(ChannelType.UDP, IF2, "10.99.0.2", "10.99.0.1", 3785), l2, ChannelOptions.defaults()),
                c2);
        l1.submit(() -> m1.checkLinkTimeout(0)).sync();
        l1.submit(() -> m1.checkLinkTimeout(5_000_000_000L)).sync();
        assertEquals("link1", m1.activeLink().name());
        assertEquals(links1.get(1), m1.activeLink());
        m1.send(message(8, 1));
        assertArrayEquals(message(8, 1), c2.next().bytes());
        b.send(message(8, 2));
        Received r = c1.next();
        assertEquals(links1.get(1), r.link());
        l1.submit(() -> m1.validMessageReceived(r.link(), 6_000_000_000L)).sync();
        assertEquals(links1.get(1), m1.activeLink());
        assertTrue(m1.status().get(0).failure().isPresent());
    }
}
