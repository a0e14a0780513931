package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/** The C struct layouts written by hand match x86-64 Linux, and native addresses map to buffer indexes. */
class NativeStructsTest {

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void sockaddrNlIsTwelveBytesWithPidAtFourAndGroupsAtEight() {
        ByteBuffer b = buffer(12);
        NativeStructs.writeSockaddrNl(b, 0, 0x11223344, 0x55667788);
        assertEquals(12, NativeStructs.SOCKADDR_NL_SIZE);
        assertEquals("100000004433221188776655", hex(b));
        assertEquals(16, b.getShort(0));
        assertEquals(0x11223344, b.getInt(4));
        assertEquals(0x55667788, b.getInt(8));
    }

    @Test
    void sockFilterIsEightBytesCodeJtJfK() {
        ByteBuffer b = buffer(8);
        NativeStructs.writeSockFilter(b, 0, 0x28, 1, 2, 0x01020304);
        assertEquals("2800010204030201", hex(b));
    }

    @Test
    void sockFprogHasLengthAtZeroAndPointerAtEight() {
        ByteBuffer b = buffer(16);
        NativeStructs.writeSockFprog(b, 0, 3, 0x1122334455667788L);
        assertEquals("03000000000000008877665544332211", hex(b));
    }

    @Test
    void timevalIsTwoLongs() {
        ByteBuffer b = buffer(16);
        NativeStructs.writeTimeval(b, 0, 2, 500_000);
        assertEquals(2, b.getLong(0));
        assertEquals(500_000, b.getLong(8));
    }

    @Test
    void mmsghdrIsSixtyFourBytesWithOneIovecAndMsgLenAtFiftySix() {
        ByteBuffer b = buffer(64);
        b.putInt(56, 77);
        NativeStructs.writeMmsghdr(b, 0, 0xabcdL);
        assertEquals(64, NativeStructs.MMSGHDR_SIZE);
        assertEquals(0xabcdL, b.getLong(16));
        assertEquals(1L, b.getLong(24));
        assertEquals(0, b.getInt(56), "msg_len is cleared");
    }

    @Test
    void nativeBufferAddressOfIndexIsWhatNativeCodeSees() {
        NativeBuffer nb = NativeBuffer.allocate(64);
        nb.buffer().putInt(20, 0x0badcafe);
        nb.buffer().position(40); // the position must not matter
        Pointer p = Pointer.wrap(Native.RUNTIME, nb.address(20));
        assertEquals(0x0badcafe, p.getInt(0));
    }

    @Test
    void receiveBatchPointsEachIovecAtItsSlot() {
        ReceiveBatch batch = new ReceiveBatch(4, 256);
        assertEquals(4, batch.slots());
        assertEquals(3 * 256, batch.offset(3));
        Pointer vector = Pointer.wrap(Native.RUNTIME, batch.vectorAddress());
        Pointer iov = Pointer.wrap(Native.RUNTIME, vector.getLong(2 * 64 + 16));
        batch.data().put(2 * 256, (byte) 0x5a);
        Pointer slot = Pointer.wrap(Native.RUNTIME, iov.getLong(0));
        assertEquals(0x5a, slot.getByte(0));
        assertEquals(256, iov.getLong(8));
    }

    private static String hex(ByteBuffer b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.capacity(); i++) {
            sb.append(String.format("%02x", b.get(i)));
        }
        return sb.toString();
    }
}
