package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.testing.TestNetns;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw netlink sockets opened inside a private namespace see that namespace's table and honour our options. */
class NetlinkSocketIT {
    private TestNetns ns;
    private TestNetns other;

    @BeforeEach
    void setUp() {
        TestNetns.assumeRootWithIp();
        ns = TestNetns.create("sock");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
        if (other != null) {
            other.close();
        }
    }

    /** A hand-built IPCTNL_MSG_CT_GET_STATS request (nlmsghdr + nfgenmsg) and the entry count from its reply. */
    private static int tableCount(NetlinkSocket s) {
        NativeBuffer b = NativeBuffer.allocate(8192);
        b.buffer().putInt(0, 20).putShort(4, (short) 0x0105).putShort(6, (short) 0x1);
        b.buffer().putInt(8, 7).putInt(12, 0).putInt(16, 0);
        assertEquals(20, s.send(b, 0, 20));
        int n = s.receive(b, 0, 8192);
        assertTrue(n > 20, "reply length " + n);
        assertEquals(0x0105, b.buffer().getShort(4) & 0xffff);
        int off = 20;
        while (off + 4 <= n) {
            int len = b.buffer().getShort(off) & 0xffff;
            int type = b.buffer().getShort(off + 2) & 0x3fff;
            if (type == 1) {
                return Integer.reverseBytes(b.buffer().getInt(off + 4));
            }
            off += (len + 3) & ~3;
        }
        throw new AssertionError("no CTA_STATS_GLOBAL_ENTRIES");
    }

    @Test
    void socketOpenedInANamespaceSeesThatNamespacesTableOnly() throws Exception {
        other = TestNetns.create("other");
        ns.exec(
                "conntrack",
                "-I",
                "-p",
                "udp",
                "-s",
                "10.1.1.1",
                "-d",
                "10.1.1.2",
                "--sport",
                "1000",
                "--dport",
                "2000",
                "-t",
                "60");
        ns.exec(
                "conntrack",
                "-I",
                "-p",
                "udp",
                "-s",
                "10.1.1.1",
                "-d",
                "10.1.1.2",
                "--sport",
                "1001",
                "--dport",
                "2000",
                "-t",
                "60");
        try (NetlinkSocket a = ns.namespace().openNetlinkSocket();
                NetlinkSocket b = other.namespace().openNetlinkSocket()) {
            assertEquals(2, tableCount(a));
            assertEquals(0, tableCount(b));
            assertNotEquals(0, a.portId());
            try (NetlinkSocket a2 = ns.namespace().openNetlinkSocket()) {
                // port ids are unique per namespace (the first socket in each may get the process id)
                assertNotEquals(a.portId(), a2.portId());
            }
        }
    }

    @Test
    void forcedReceiveAndSendBuffersExceedTheSysctlCaps() throws Exception {
        try (NetlinkSocket s = ns.namespace().openNetlinkSocket()) {
            assertTrue(s.setReceiveBuffer(64 << 20) >= 64 << 20);
            assertTrue(s.setSendBuffer(8 << 20) >= 8 << 20);
        }
    }

    @Test
    void receiveTimeoutReturnsEagainAndOptionsAreAccepted() throws Exception {
        try (NetlinkSocket s = ns.namespace().openNetlinkSocket()) {
            s.joinGroup(1);
            s.joinGroup(3);
            s.setBroadcastError(true);
            s.setNoEnobufs(true);
            s.setCapAck(true);
            s.setExtAck(true);
            s.attachFilter(new short[] {0x06}, new byte[] {0}, new byte[] {0}, new int[] {-1});
            s.setReceiveTimeout(Duration.ofMillis(100));
            long t0 = System.nanoTime();
            int n = s.receive(new ReceiveBatch(4, 4096));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(-LinuxConstants.EAGAIN, n);
            assertTrue(ms >= 80 && ms < 2000, "waited " + ms + " ms");
        }
    }

    @Test
    void settingUpInAMissingNamespaceFailsWithEnoent() {
        NetlinkException e = org.junit.jupiter.api.Assertions.assertThrows(
                NetlinkException.class,
                () -> NetworkNamespace.named("cts-missing-nonexistent").openNetlinkSocket());
        assertEquals(2, e.errno());
    }
}
