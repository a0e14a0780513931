package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.testing.TestNetns;
import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.NatRange;
import io.ctsync.protocol.conntrack.Tuple;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NAT entries created through the writer really translate packets: a client namespace with NAT hooks and
 * a server namespace joined by a veth pair exchange UDP datagrams from Java sockets created inside the
 * namespaces, and each side observes the translated addresses.
 */
class NatTrafficIT {
    private TestNetns client;
    private TestNetns server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestNetns.assumeRootWithIp();
        TestNetns.assumeCommand("nft");
        client = TestNetns.create("natc");
        server = TestNetns.create("nats");
        client.vethTo(server, "c0", "s0");
        client.exec("ip", "addr", "add", "10.77.0.1/24", "dev", "c0");
        client.exec("ip", "addr", "add", "10.77.0.3/24", "dev", "c0");
        server.exec("ip", "addr", "add", "10.77.0.2/24", "dev", "s0");
        client.nft(ConntrackKernelIT.RULESET);
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // keep closing
            }
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private DatagramSocket udp(TestNetns ns, String address, int port) throws Exception {
        DatagramSocket s = ns.namespace().call(() -> new DatagramSocket(new InetSocketAddress(address, port)));
        s.setSoTimeout(5000);
        closeables.add(s);
        return s;
    }

    private static DatagramPacket receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        s.receive(p);
        return p;
    }

    private static void send(DatagramSocket s, String text, InetSocketAddress to) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        s.send(new DatagramPacket(b, b.length, to));
    }

    private void create(ConntrackEntry e) throws Exception {
        try (BatchRequestWriter w = BatchRequestWriter.open(client.namespace())) {
            List<RequestFailure> failures = new ArrayList<>();
            w.write(List.of(e), ConntrackRequests.CREATE, (x, f) -> failures.add(f));
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void shouldTranslateTheSourceOfPacketsMatchingAnSnatEntryAndReverseItForReplies() throws Exception {
        Tuple orig = Tuple.of("10.77.0.1", "10.77.0.2", IpProtocol.UDP, 5000, 6000);
        create(ConntrackEntry.builder()
                .original(orig)
                .reply(orig.invert())
                .status(ConntrackStatus.CONFIRMED)
                .timeout(120)
                .natSource(NatRange.to(IpAddress.parse("10.77.0.3"), 7000))
                .build());
        DatagramSocket srv = udp(server, "10.77.0.2", 6000);
        DatagramSocket cli = udp(client, "10.77.0.1", 5000);

        send(cli, "ping", new InetSocketAddress("10.77.0.2", 6000));
        DatagramPacket got = receive(srv);
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.77.0.3"), 7000), got.getSocketAddress());

        send(srv, "pong", (InetSocketAddress) got.getSocketAddress());
        DatagramPacket back = receive(cli);
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.77.0.2"), 6000), back.getSocketAddress());
        assertEquals("pong", new String(back.getData(), 0, back.getLength(), StandardCharsets.US_ASCII));
        assertEquals(1, client.conntrackCount(), "the traffic used the created entry, no new one");
    }

    @Test
    void shouldTranslateTheDestinationOfPacketsMatchingADnatEntryAndReverseItForReplies() throws Exception {
        Tuple orig = Tuple.of("10.77.0.1", "10.77.0.9", IpProtocol.UDP, 5001, 9999);
        create(ConntrackEntry.builder()
                .original(orig)
                .reply(orig.invert())
                .status(ConntrackStatus.CONFIRMED)
                .timeout(120)
                .natDestination(NatRange.to(IpAddress.parse("10.77.0.2"), 6000))
                .build());
        DatagramSocket srv = udp(server, "10.77.0.2", 6000);
        DatagramSocket cli = udp(client, "10.77.0.1", 5001);

        send(cli, "ping", new InetSocketAddress("10.77.0.9", 9999));
        DatagramPacket got = receive(srv);
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.77.0.1"), 5001), got.getSocketAddress());

        send(srv, "pong", (InetSocketAddress) got.getSocketAddress());
        DatagramPacket back = receive(cli);
        assertEquals(
                new InetSocketAddress(InetAddress.getByName("10.77.0.9"), 9999),
                back.getSocketAddress(),
                "the reply appears to come from the address the client sent to");
        assertTrue(client.conntrackCount() == 1, "no second entry");
    }
}
