package io.ctsync.daemon.channel;

import static io.ctsync.daemon.channel.ChannelFixtures.await;
import static io.ctsync.daemon.channel.ChannelFixtures.awaitTrue;
import static io.ctsync.daemon.channel.ChannelFixtures.freePort;
import static io.ctsync.daemon.channel.ChannelFixtures.ip;
import static io.ctsync.daemon.channel.SyncStreamSplitterTest.concat;
import static io.ctsync.daemon.channel.SyncStreamSplitterTest.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.channel.ChannelFixtures.Collector;
import io.ctsync.daemon.channel.ChannelFixtures.Received;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TCP channels over real loopback sockets, with epoll and with NIO: exchange, reconnect with
 * backoff, queueing while down, stream splitting, bad lengths, source check, last connection wins.
 */
class TcpSyncChannelTest {
    private static final ChannelOptions FAST =
            ChannelOptions.defaults().withReconnect(Duration.ofMillis(20), Duration.ofMillis(200));

    private EventLoopGroup groupA;
    private EventLoopGroup groupB;
    private final List<SyncChannel> channels = new ArrayList<>();

    static java.util.stream.Stream<Transport> transports() {
        return ChannelFixtures.transports();
    }

    private void start(Transport t) {
        groupA = ChannelFixtures.newGroup(t, "engine-a");
        groupB = ChannelFixtures.newGroup(t, "engine-b");
    }

    private TcpSyncChannel channel(
            EventLoopGroup g, String name, String local, String peer, int port, ChannelOptions o) {
        TcpSyncChannel c = new TcpSyncChannel(ChannelFixtures.tcp(name, local, peer, port), ChannelFixtures.loop(g), o);
        channels.add(c);
        return c;
    }

    @AfterEach
    void tearDown() {
        for (SyncChannel c : channels) {
            c.close().awaitUninterruptibly(5000);
        }
        for (EventLoopGroup g : new EventLoopGroup[] {groupA, groupB}) {
            if (g != null) {
                g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }

    /** A raw client from {@code source} to {@code 127.0.0.1:port}. */
    private static Socket rawClient(String source, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(ip(source), 0));
        s.connect(new InetSocketAddress(ip("127.0.0.1"), port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    /** Whether the server ended the connection (EOF or reset) within the socket timeout. */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() == -1;
        } catch (SocketException e) {
            return true; // reset
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldExchangeMessagesOverOutgoingConnectionsAndReceiveOnAcceptedOnes(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        Collector atB = new Collector();
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST);
        TcpSyncChannel b = channel(groupB, "tcp-b", "127.0.0.2", "127.0.0.1", port, FAST);
        await(a.open(atA));
        await(b.open(atB));
        awaitTrue("both connected", () -> a.state() == LinkState.UP && b.state() == LinkState.UP);
        awaitTrue("both accepted", () -> a.isServerConnected() && b.isServerConnected());
        assertEquals("server=connected client=connected", a.statusDetail());
        assertEquals(1500 - 40, a.payloadLimit());

        byte[] run = concat(message(84, 1), message(84, 2), message(16, 3));
        a.send(run);
        Received r = atB.next();
        assertArrayEquals(run, r.bytes());
        assertSame(b, r.link());
        assertEquals(ip("127.0.0.1"), r.sender().getAddress()); // the client binds the local address
        assertTrue(r.thread().startsWith("engine-b"), r.thread());

        byte[] back = message(24, 4);
        b.send(back);
        assertArrayEquals(back, atA.next().bytes());
        awaitTrue(
                "counted",
                () -> a.counters().bytesSent() == run.length && b.counters().bytesReceived() == run.length);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldReconnectAfterThePeersListenerRestartsAndSendWhatWasQueuedMeanwhile(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST);
        TcpSyncChannel b = channel(groupB, "tcp-b", "127.0.0.2", "127.0.0.1", port, FAST);
        await(a.open(atA));
        await(b.open(new Collector()));
        awaitTrue("connected", () -> a.state() == LinkState.UP);

        await(b.close());
        awaitTrue("a notices", () -> a.state() == LinkState.DOWN);
        assertEquals(1, a.counters().get(ChannelCounter.DISCONNECTS));
        a.send(message(8, 1));
        a.send(message(12, 2));
        awaitTrue("queued", () -> a.counters().get(ChannelCounter.QUEUED_WHILE_DOWN) == 2);
        awaitTrue("retrying", () -> a.counters().get(ChannelCounter.CONNECT_FAILURES) >= 2);

        Collector atB2 = new Collector();
        TcpSyncChannel b2 = channel(groupB, "tcp-b2", "127.0.0.2", "127.0.0.1", port, FAST);
        await(b2.open(atB2));
        awaitTrue("reconnected", () -> a.state() == LinkState.UP);
        assertArrayEquals(concat(message(8, 1), message(12, 2)), atB2.nextBytes(20));
        assertEquals(2, a.counters().get(ChannelCounter.CONNECTS));
        assertEquals(0, a.counters().sendErrors());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldDropTheOldestQueuedPayloadsBeyondTheQueueLength(Transport t) throws Exception {
        start(t);
        int port = freePort();
        ChannelOptions o = new ChannelOptions(
                true, false, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1), 3, 1 << 20, 3);
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, o);
        await(a.open(new Collector()));
        for (int i = 1; i <= 5; i++) {
            a.send(message(8, i));
        }
        awaitTrue("overflow counted", () -> a.counters().get(ChannelCounter.SEND_QUEUE_OVERFLOW) == 2);
        Collector atB = new Collector();
        TcpSyncChannel b = channel(groupB, "tcp-b", "127.0.0.2", "127.0.0.1", port, o);
        await(b.open(atB));
        assertArrayEquals(concat(message(8, 3), message(8, 4), message(8, 5)), atB.nextBytes(24));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldReassembleMessagesSplitAcrossReads(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST);
        await(a.open(atA));
        byte[] m = concat(message(100, 1), message(40, 2));
        try (Socket s = rawClient("127.0.0.2", port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(m, 0, 5);
            out.flush();
            awaitTrue("partial kept", () -> a.isServerConnected());
            Thread.sleep(50); // let the 5 bytes arrive alone
            out.write(m, 5, 120);
            out.flush();
            Thread.sleep(50);
            out.write(m, 125, m.length - 125);
            out.flush();
            assertArrayEquals(m, atA.nextBytes(m.length));
        }
        assertEquals(0, a.counters().receiveErrors());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldResetTheConnectionOnALengthBelowTheHeaderAfterDeliveringWhatPrecedesIt(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST);
        await(a.open(atA));
        byte[] good = message(32, 1);
        byte[] bad = message(8, 2);
        bad[2] = 0;
        bad[3] = 0;
        try (Socket s = rawClient("127.0.0.2", port)) {
            s.getOutputStream().write(concat(good, bad, message(8, 3)));
            assertArrayEquals(good, atA.next().bytes());
            assertTrue(closedByServer(s));
        }
        awaitTrue("counted", () -> a.counters().get(ChannelCounter.RECEIVE_BAD_LENGTH) == 1);
        assertEquals(1, a.counters().receiveErrors());
        awaitTrue("accepted side down", () -> !a.isServerConnected());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldRefuseConnectionsFromAddressesOtherThanThePeer(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST);
        await(a.open(atA));
        try (Socket s = rawClient("127.0.0.3", port)) {
            s.getOutputStream().write(message(8, 1));
            assertTrue(closedByServer(s));
        }
        awaitTrue("counted", () -> a.counters().get(ChannelCounter.RECEIVE_FOREIGN_SOURCE) == 1);
        assertEquals(0, a.counters().packetsReceived());
        assertEquals(0, a.counters().get(ChannelCounter.ACCEPTS));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldAcceptAnyAddressWhenTheSourceCheckIsOff(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        TcpSyncChannel a =
                channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST.withSourceChecks(false, false));
        await(a.open(atA));
        try (Socket s = rawClient("127.0.0.3", port)) {
            s.getOutputStream().write(message(8, 1));
            assertEquals(ip("127.0.0.3"), atA.next().sender().getAddress());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldLetTheLastAcceptedConnectionWin(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector atA = new Collector();
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST);
        await(a.open(atA));
        try (Socket first = rawClient("127.0.0.2", port)) {
            awaitTrue("first accepted", () -> a.counters().get(ChannelCounter.ACCEPTS) == 1);
            try (Socket second = rawClient("127.0.0.2", port)) {
                assertTrue(closedByServer(first));
                second.getOutputStream().write(message(12, 7));
                Received r = atA.next();
                assertArrayEquals(message(12, 7), r.bytes());
                assertEquals(second.getLocalPort(), r.sender().getPort());
                assertTrue(a.isServerConnected());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldTalkToItselfOverIpv6Loopback(Transport t) throws Exception {
        start(t);
        int port = freePort();
        Collector self = new Collector();
        TcpSyncChannel a = channel(groupA, "tcp6", "::1", "::1", port, FAST);
        await(a.open(self));
        awaitTrue("connected", () -> a.state() == LinkState.UP);
        assertEquals(1500 - 60, a.payloadLimit());
        byte[] m = message(64, 5);
        a.send(m);
        Received r = self.next();
        assertArrayEquals(m, r.bytes());
        assertEquals(ip("::1"), r.sender().getAddress());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldStopReconnectingWhenClosed(Transport t) throws Exception {
        start(t);
        int port = freePort();
        TcpSyncChannel a = channel(groupA, "tcp-a", "127.0.0.1", "127.0.0.2", port, FAST);
        await(a.open(new Collector()));
        awaitTrue("retrying", () -> a.counters().get(ChannelCounter.CONNECT_FAILURES) >= 1);
        await(a.close());
        long failures = a.counters().get(ChannelCounter.CONNECT_FAILURES);
        Thread.sleep(300); // longer than the backoff cap
        assertEquals(failures, a.counters().get(ChannelCounter.CONNECT_FAILURES));
        assertEquals(LinkState.CLOSED, a.state());
    }
}
