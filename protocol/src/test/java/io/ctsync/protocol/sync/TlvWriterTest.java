package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ctsync.protocol.conntrack.IpAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TlvWriterTest {
    /** A buffer full of 0xff, so that unwritten padding would show. */
    private static ByteBuffer dirty(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xff);
        return ByteBuffer.wrap(b);
    }

    private static String written(ByteBuffer b) {
        return Hex.of(b, 0, b.position());
    }

    @Test
    void shouldWriteLengthThenTypeUnpaddedLengthAndZeroPadding() {
        ByteBuffer b = dirty(64);
        TlvWriter.u8(b, 2, 6);
        assertEquals("0005000206000000", written(b));
        TlvWriter.u16(b, 32, 5);
        TlvWriter.u16le(b, 14, 61000);
        TlvWriter.u32(b, 5, 0x0e);
        assertEquals("0005000206000000" + "0006002000050000" + "0006000e48ee0000" + "000800050000000e", written(b));
    }

    @Test
    void shouldWriteAddressesPortsStringsAndWordLists() {
        ByteBuffer b = dirty(128);
        TlvWriter.addressPair(b, 0, IpAddress.parse("1.1.1.1"), IpAddress.parse("2.2.2.2"));
        TlvWriter.u16pair(b, 3, 1234, 80);
        TlvWriter.cString(b, 27, "ftp");
        TlvWriter.cString(b, 27, "sane");
        TlvWriter.u32s(b, 31, 1, 2, 3);
        TlvWriter.address(b, 29, IpAddress.parse("2001:db8::1"));
        assertEquals(
                "000c000001010101" + "02020202"
                        + "0008000304d20050"
                        + "0008001b66747000"
                        + "0009001b73616e6500000000"
                        + "0010001f000000010000000200000003"
                        + "0014001d20010db8000000000000000000000001",
                written(b));
    }

    @Test
    void shouldAdvanceToTheNextFourByteBoundaryFromAnyStart() {
        for (int payload = 0; payload < 9; payload++) {
            ByteBuffer b = dirty(32);
            TlvWriter.bytes(b, 1, new byte[payload], 0, payload);
            assertEquals(Tlv.space(payload), b.position());
            assertEquals(4 + payload, ((b.get(0) & 0xff) << 8) | (b.get(1) & 0xff));
            for (int i = 4; i < b.position(); i++) {
                assertEquals(0, b.get(i));
            }
        }
    }

    @Test
    void shouldThrowOverflowWithoutWritingWhenTheBufferIsShort() {
        ByteBuffer b = dirty(7);
        assertThrows(BufferOverflowException.class, () -> TlvWriter.u32(b, 5, 1));
        assertEquals(0, b.position());
        assertEquals((byte) 0xff, b.get(0));
    }

    @Test
    void shouldRefuseAMixedFamilyPair() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TlvWriter.addressPair(dirty(64), 0, IpAddress.parse("1.1.1.1"), IpAddress.parse("::1")));
    }
}
