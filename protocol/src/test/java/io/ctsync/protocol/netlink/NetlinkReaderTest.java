package io.ctsync.protocol.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetlinkReaderTest {

    private static ByteBuffer bytes(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void shouldStopWithTruncatedHeader() {
        NetlinkMessageReader r = new NetlinkMessageReader().reset(bytes("10000000030000000000000000000000" + "0100"));
        assertTrue(r.next());
        assertTrue(r.isDone());
        assertEquals(-1, r.doneErrno());
        assertFalse(r.next());
        assertEquals(DropReason.TRUNCATED_HEADER, r.error());
    }

    @Test
    void shouldRejectMessageLengthBelowHeaderOrBeyondDatagram() {
        NetlinkMessageReader r = new NetlinkMessageReader().reset(bytes("0c000000030000000000000000000000"));
        assertFalse(r.next());
        assertEquals(DropReason.BAD_MESSAGE_LENGTH, r.error());
        r.reset(bytes("ff000000030000000000000000000000"));
        assertFalse(r.next());
        assertEquals(DropReason.BAD_MESSAGE_LENGTH, r.error());
    }

    @Test
    void shouldDecodeDoneWithErrno() {
        NetlinkMessageReader r =
                new NetlinkMessageReader().reset(bytes("14000000030002000100000000000000" + "f0ffffff"));
        assertTrue(r.next());
        assertEquals(16, r.doneErrno());
        assertEquals(Netlink.NLM_F_MULTI, r.flags());
        assertFalse(r.next());
        assertNull(r.error());
    }

    @Test
    void shouldMaskNestedFlagAndSkipUnknownAttributes() {
        ByteBuffer b = bytes("0c000180" + "08000100" + "0a000005" + "05007f00" + "01000000" + "0600020001bb0000");
        NetlinkAttributeReader a = new NetlinkAttributeReader().reset(b, 0, b.capacity());
        assertTrue(a.next());
        assertEquals(1, a.type());
        assertTrue(a.nestedFlag());
        NetlinkAttributeReader c = new NetlinkAttributeReader().resetToChildren(a);
        assertTrue(c.next());
        assertEquals(0x0a000005, c.be32());
        assertFalse(c.next());
        assertTrue(a.next());
        assertEquals(0x7f, a.type());
        assertTrue(a.next());
        assertEquals(443, a.be16());
        assertFalse(a.next());
        assertNull(a.error());
    }

    @Test
    void shouldFlagAttributeLengthBeyondItsRun() {
        ByteBuffer b = bytes("08000100" + "0a000005" + "10000200" + "00000000");
        NetlinkAttributeReader a = new NetlinkAttributeReader().reset(b, 0, b.capacity());
        assertTrue(a.next());
        assertFalse(a.next());
        assertEquals(DropReason.BAD_ATTRIBUTE_LENGTH, a.error());
        a.reset(bytes("02000100"), 0, 4);
        assertFalse(a.next());
        assertEquals(DropReason.BAD_ATTRIBUTE_LENGTH, a.error());
    }

    @Test
    void shouldDecodeAckAndErrorWithExtendedAck() {
        // NLMSG_ERROR, flags CAPPED|ACK_TLVS, error -22, original header (len 180, type 0x100, seq 7),
        // then NLMSGERR_ATTR_MSG "bad" and NLMSGERR_ATTR_OFFS 36.
        ByteBuffer b = bytes("34000000020000030700000064000000" + "eaffffff" + "b4000000000105060700000000000000"
                + "08000100626164000800020024000000");
        NetlinkMessageReader r = new NetlinkMessageReader().reset(b);
        assertTrue(r.next());
        assertTrue(r.isError());
        NetlinkError e = NetlinkError.decode(r);
        assertEquals(22, e.errno());
        assertEquals(Errno.EINVAL, e.errnoName());
        assertEquals(7, e.seq());
        assertEquals(0x0100, e.requestType());
        assertEquals(0x0605, e.requestFlags());
        assertTrue(e.capped());
        assertEquals("bad", e.message());
        assertEquals(36, e.errorOffset());
        assertFalse(e.isAck());

        NetlinkError ack = NetlinkError.decode(bytes("00000000" + "14000000000105060800000000000000"), 0, 20, 0x100);
        assertTrue(ack.isAck());
        assertEquals(8, ack.seq());
        assertNull(ack.message());
        assertEquals(-1, ack.errorOffset());
        assertNull(NetlinkError.decode(bytes("00000000"), 0, 4, 0));
    }

    @Test
    void shouldNameErrnos() {
        assertEquals(Errno.EOPNOTSUPP, Errno.of(-95));
        assertEquals(Errno.ENOTSUP, Errno.EOPNOTSUPP);
        assertEquals("EEXIST", Errno.nameOf(17));
        assertEquals("ENOBUFS (No buffer space available)", Errno.describe(105));
        assertEquals("errno 200", Errno.nameOf(200));
        assertEquals(110, Errno.ETIMEDOUT.number());
    }

    @Test
    void shouldNeverThrowOnRandomBytes() {
        Random rnd = new Random(42);
        NetlinkMessageReader r = new NetlinkMessageReader();
        NetlinkAttributeReader a = new NetlinkAttributeReader();
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[rnd.nextInt(200)];
            rnd.nextBytes(data);
            if (data.length >= 4 && rnd.nextBoolean()) {
                ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).putInt(0, rnd.nextInt(data.length + 8));
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            r.reset(b);
            while (r.next()) {
                a.reset(r.buffer(), r.payloadOffset(), r.payloadLength());
                while (a.next()) {
                    if (a.payloadLength() >= 4) {
                        a.be32();
                    }
                }
                if (r.isError()) {
                    NetlinkError.decode(r);
                }
                r.doneErrno();
            }
        }
    }
}
