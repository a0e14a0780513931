package io.ctsync.protocol.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NetlinkMessageWriterTest {

    static String hex(NetlinkMessageWriter w) {
        ByteBuffer b = w.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return HexFormat.of().formatHex(out);
    }

    @Test
    void shouldWriteHostOrderHeadersAndBigEndianPayloads() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(256);
        w.beginMessage(0x0100, 0x0605, 1, 0).nfgenmsg(2, 0, 0);
        int tuple = w.beginNested(1);
        int ip = w.beginNested(1);
        w.putBytes(1, new byte[] {10, 0, 0, 5});
        w.endNested(ip);
        int proto = w.beginNested(2);
        w.putU8(1, 6).putBe16(2, 33000);
        w.endNested(proto);
        w.endNested(tuple);
        w.putBe32(7, 600);
        int off = w.endMessage();
        assertEquals(0, off);
        assertEquals(
                "40000000" + "0001" + "0506" + "01000000" + "00000000" + "02000000"
                        + "24000180" + "0c000180" + "080001000a000005" + "14000280" + "0500010006000000"
                        + "0600020080e80000" + "0800070000000258",
                hex(w));
        assertEquals(64, w.length());
        assertEquals(1, w.messageCount());
    }

    @Test
    void shouldPadStringsAndBytesWithZerosEvenInDirtyBuffers() {
        ByteBuffer dirty = ByteBuffer.allocate(64);
        for (int i = 0; i < 64; i++) {
            dirty.put(i, (byte) 0xff);
        }
        NetlinkMessageWriter w = new NetlinkMessageWriter(dirty);
        w.beginMessage(1, 0, 0, 0)
                .putString(1, "ftp")
                .putBytes(2, new byte[] {1})
                .putU8(3, 9)
                .putBe16(4, 1);
        w.endMessage();
        assertEquals(
                "30000000010000000000000000000000" + "0800010066747000" + "0500020001000000" + "0500030009000000"
                        + "0600040000010000",
                hex(w));
    }

    @Test
    void shouldPackSeveralMessagesAndSetAckOnTheLast() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(128);
        for (int i = 0; i < 3; i++) {
            w.beginMessage(0x0102, Netlink.NLM_F_REQUEST, i + 1, 0)
                    .nfgenmsg(2, 0, 0)
                    .putBe32(12, i);
            w.endMessage();
        }
        w.setAckOnLastMessage();
        assertEquals(3, w.messageCount());
        assertEquals(84, w.length());
        NetlinkMessageReader r = new NetlinkMessageReader(w.buffer(), 0, w.length());
        int n = 0;
        while (r.next()) {
            n++;
            assertEquals(n, r.seq());
            assertEquals(n == 3 ? Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK : Netlink.NLM_F_REQUEST, r.flags());
        }
        assertEquals(3, n);
        assertEquals(null, r.error());
        w.reset();
        assertEquals(0, w.length());
        assertEquals(0, w.messageCount());
    }

    @Test
    void shouldKeepCompletedMessagesWhenTheBufferOverflows() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(40);
        w.beginMessage(1, 0, 1, 0).putBe32(1, 1);
        w.endMessage();
        w.beginMessage(1, 0, 2, 0);
        assertThrows(BufferOverflowException.class, () -> w.putBytes(1, new byte[16]));
        assertTrue(w.inMessage());
        w.abortMessage();
        assertFalse(w.inMessage());
        assertEquals(24, w.length());
        assertEquals(1, w.messageCount());
    }

    @Test
    void shouldRejectMisuse() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(64);
        assertThrows(IllegalStateException.class, () -> w.putU8(1, 1));
        w.beginMessage(1, 0, 0, 0);
        assertThrows(IllegalStateException.class, () -> w.beginMessage(1, 0, 0, 0));
        w.beginNested(1);
        assertThrows(IllegalStateException.class, w::endMessage);
    }

    @Test
    void shouldWriteBe64AndHostU32() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(64);
        w.beginMessage(1, 0, 0, 0).putBe64(1, 0x0102030405060708L);
        w.endMessage();
        byte[] expected = HexFormat.of().parseHex("1c000000010000000000000000000000" + "0c0001000102030405060708");
        ByteBuffer b = w.flip();
        byte[] got = new byte[b.remaining()];
        b.get(got);
        assertArrayEquals(expected, got);
    }
}
