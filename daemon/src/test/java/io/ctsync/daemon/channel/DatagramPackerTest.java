package io.ctsync.daemon.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packer follows conntrackd's strict {@code used + length < size} rule. */
class DatagramPackerTest {
    private final List<byte[]> sent = new ArrayList<>();
    private final DatagramPacker packer = new DatagramPacker(100, UnpooledByteBufAllocator.DEFAULT, this::collect);

    private void collect(ByteBuf payload) {
        sent.add(ByteBufUtil.getBytes(payload));
        payload.release();
    }

    private static byte[] message(int length, int fill) {
        byte[] m = new byte[length];
        java.util.Arrays.fill(m, (byte) fill);
        return m;
    }

    @Test
    void shouldAppendWhileStrictlyBelowTheBufferSize() {
        packer.append(message(60, 1), 0, 60);
        packer.append(message(39, 2), 0, 39); // 60 + 39 = 99 < 100
        assertEquals(0, sent.size());
        assertEquals(99, packer.used());
        assertEquals(2, packer.bufferedMessages());
    }

    @Test
    void shouldFlushFirstWhenTheMessageWouldExactlyFillTheBuffer() {
        packer.append(message(60, 1), 0, 60);
        packer.append(message(40, 2), 0, 40); // 60 + 40 = 100, not < 100
        assertEquals(1, sent.size());
        assertArrayEquals(message(60, 1), sent.get(0));
        assertEquals(40, packer.used());
        packer.flush();
        assertArrayEquals(message(40, 2), sent.get(1));
    }

    @Test
    void shouldSendAMessageOfTheWholeBufferSizeAlone() {
        packer.append(message(8, 1), 0, 8);
        packer.append(message(100, 2), 0, 100);
        assertEquals(2, sent.size());
        assertArrayEquals(message(8, 1), sent.get(0));
        assertArrayEquals(message(100, 2), sent.get(1));
        assertEquals(0, packer.used());
        assertEquals(1, packer.oversizedMessages());
    }

    @Test
    void shouldPackSeventeenConntrackdSizedMessagesIntoAnEthernetDatagram() {
        DatagramPacker eth = new DatagramPacker(1500 - 28, UnpooledByteBufAllocator.DEFAULT, this::collect);
        for (int i = 0; i < 18; i++) {
            eth.append(message(84, i), 0, 84);
        }
        assertEquals(1, sent.size());
        assertEquals(17 * 84, sent.get(0).length); // conntrackd observed 1428-byte datagrams
        assertEquals(84, eth.used());
    }

    @Test
    void shouldCopyAByteBufMessageWithoutConsumingIt() {
        ByteBuf m = Unpooled.wrappedBuffer(message(12, 7));
        packer.append(m);
        assertEquals(12, m.readableBytes());
        packer.flush();
        assertArrayEquals(message(12, 7), sent.get(0));
    }

    @Test
    void shouldNotSendAnEmptyBufferOnFlush() {
        packer.flush();
        packer.append(message(8, 1), 0, 8);
        packer.flush();
        packer.flush();
        assertEquals(1, sent.size());
        assertEquals(1, packer.payloadsSent());
    }

    @Test
    void shouldRejectABufferTooSmallForAControlMessage() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new DatagramPacker(15, UnpooledByteBufAllocator.DEFAULT, b -> {}));
    }
}
