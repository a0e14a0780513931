package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncPackerTest {
    private static byte[] message(int length, int fill) {
        byte[] m = new byte[length];
        Arrays.fill(m, (byte) fill);
        return m;
    }

    @Test
    void shouldSizeBuffersLikeConntrackd() {
        assertEquals(1472, SyncPacker.udpBufferSize(1500));
        assertEquals(1460, SyncPacker.tcpBufferSize(1500));
    }

    @Test
    void shouldPackSeventeen84ByteMessagesIntoA1500MtuDatagramAsObserved() {
        SyncPacker p = new SyncPacker(SyncPacker.udpBufferSize(1500));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] done = p.append(message(84, i));
            if (done != null) {
                out.add(done);
            }
        }
        out.add(p.flush());
        assertEquals(List.of(1428, 1428, 504), out.stream().map(b -> b.length).toList());
        assertEquals(17, out.get(0).length / 84);
        assertEquals(17, out.get(1)[0], "message order kept across datagrams");
    }

    @Test
    void shouldFinishTheBufferWhenUsedPlusLengthReachesTheSizeStrictly() {
        SyncPacker p = new SyncPacker(100);
        assertNull(p.append(message(60, 1)));
        assertTrue(p.fits(39));
        assertFalse(p.fits(40), "60 + 40 = 100 is not < 100");
        assertNull(p.append(message(39, 2)));
        assertEquals(99, p.used());
        byte[] done = p.append(message(4, 3));
        assertEquals(99, done.length);
        assertEquals(4, p.used());
        assertEquals(1, p.messages());
    }

    @Test
    void shouldLetAnOversizedMessageTravelAlone() {
        SyncPacker p = new SyncPacker(64);
        assertNull(p.append(message(16, 1)));
        byte[] first = p.append(message(200, 2));
        assertEquals(16, first.length);
        byte[] alone = p.append(message(16, 3));
        assertArrayEquals(message(200, 2), alone);
        assertArrayEquals(message(16, 3), p.flush());
        assertNull(p.flush());
        assertEquals(0, p.used());
    }

    @Test
    void shouldTakeTheRemainingBytesOfAByteBufferWithoutMovingIt() {
        SyncPacker p = new SyncPacker(64);
        ByteBuffer b = ByteBuffer.wrap(message(20, 7));
        b.position(4);
        p.append(b);
        assertEquals(4, b.position());
        assertArrayEquals(message(16, 7), p.flush());
    }

    @Test
    void shouldRefuseABufferBelowTheControlHeader() {
        assertThrows(IllegalArgumentException.class, () -> new SyncPacker(15));
    }
}
