package io.ctsync.protocol.conntrack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void shouldParseAndPrintIpv4() {
        IpAddress a = IpAddress.parse("192.0.2.10");
        assertEquals(0xc000020a, a.v4Bits());
        assertEquals("192.0.2.10", a.toString());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 10}, a.toBytes());
        assertEquals(IpAddress.AF_INET, a.family());
        assertEquals(a, IpAddress.of(new byte[] {(byte) 192, 0, 2, 10}));
    }

    @Test
    void shouldPrintIpv6LikeInetNtop() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:0db8:0:0:0:0:0:1").toString());
        assertEquals("::", IpAddress.ANY_V6.toString());
        assertEquals("::1", IpAddress.parse("::1").toString());
        assertEquals(
                "2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("fe80::", IpAddress.parse("fe80::").toString());
    }

    @Test
    void shouldRoundTripRandomAddressesThroughBytesAndInetAddress() throws Exception {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextBoolean() ? 4 : 16];
            rnd.nextBytes(b);
            IpAddress a = IpAddress.of(b);
            assertArrayEquals(b, a.toBytes());
            assertEquals(a, IpAddress.of(InetAddress.getByAddress(b)));
            if (b.length == 16) {
                assertEquals(a, IpAddress.parse(a.toString()));
            } else {
                assertEquals(a, IpAddress.parse(a.toString()));
            }
        }
    }

    @Test
    void shouldTellFamiliesApart() {
        assertNotEquals(IpAddress.ANY_V4, IpAddress.ANY_V6);
        assertTrue(IpAddress.ANY_V4.compareTo(IpAddress.ANY_V6) < 0);
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3.256"));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.of(new byte[5]));
    }
}
