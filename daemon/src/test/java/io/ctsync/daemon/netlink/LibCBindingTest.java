package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The jnr-ffi binding passes every argument through: a regression guard for the six-argument {@code
 * sendto}, whose generated stub dropped the last argument when all six were primitives.
 */
class LibCBindingTest {

    @Test
    void sendtoPassesTheDestinationLengthSoTheKernelDoesNotAnswerEinval() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open()) {
            NativeBuffer b = NativeBuffer.allocate(64);
            b.buffer().putInt(0, 20);
            // an unused port id: ECONNREFUSED with CAP_NET_ADMIN, EPERM without; EINVAL only for a bad addrlen
            int r = s.sendToPort(b, 0, 20, 0x7ffffff0);
            assertTrue(r < 0);
            assertNotEquals(-LinuxConstants.EINVAL, r, "the sixth argument (addrlen) arrived garbled");
        }
    }

    @Test
    void errnoIsReadRightAfterTheFailingCall() {
        assertEquals(-1, Native.LIBC.close(-1));
        assertEquals(LinuxConstants.EBADF, Native.errno());
    }
}
