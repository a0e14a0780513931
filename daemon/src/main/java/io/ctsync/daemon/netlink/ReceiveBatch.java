package io.ctsync.daemon.netlink;

import java.nio.ByteBuffer;

/**
 * Reusable native memory for one {@code recvmmsg} call: {@code slots} datagram buffers of {@code slotSize}
 * bytes each, with their {@code mmsghdr} vector and iovecs, and per-slot results after the call. Owned by
 * one reader thread.
 */
public final class ReceiveBatch {
    private final int slots;
    private final int slotSize;
    private final NativeBuffer data;
    private final NativeBuffer vector;
    private int count;

    public ReceiveBatch(int slots, int slotSize) {
        if (slots < 1 || slots > 1024) {
            throw new IllegalArgumentException("slots must be 1..1024: " + slots);
        }
        if (slotSize < 64 || (long) slots * slotSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad slot size " + slotSize);
        }
        this.slots = slots;
        this.slotSize = slotSize;
        this.data = NativeBuffer.allocate(slots * slotSize);
        int iovecs = slots * NativeStructs.MMSGHDR_SIZE;
        this.vector = NativeBuffer.allocate(iovecs + slots * NativeStructs.IOVEC_SIZE);
        ByteBuffer v = vector.buffer();
        for (int i = 0; i < slots; i++) {
            int iov = iovecs + i * NativeStructs.IOVEC_SIZE;
            NativeStructs.writeIovec(v, iov, data.address(i * slotSize), slotSize);
            NativeStructs.writeMmsghdr(v, i * NativeStructs.MMSGHDR_SIZE, vector.address(iov));
        }
    }

    public int slots() {
        return slots;
    }

    public int slotSize() {
        return slotSize;
    }

    long vectorAddress() {
        return vector.address();
    }

    void reset() {
        ByteBuffer v = vector.buffer();
        for (int i = 0; i < count; i++) {
            v.putLong(i * NativeStructs.MMSGHDR_SIZE + NativeStructs.MSGHDR_FLAGS, 0L);
        }
        count = 0;
    }

    void received(int n) {
        count = n;
    }

    /** Datagrams received by the last call. */
    public int count() {
        return count;
    }

    /** The buffer holding every slot; slot {@code i} starts at {@link #offset(int)}. */
    public ByteBuffer data() {
        return data.buffer();
    }

    public int offset(int slot) {
        return slot * slotSize;
    }

    /** Bytes of slot {@code i} that hold datagram data (at most the slot size). */
    public int length(int slot) {
        return Math.min(
                slotSize, vector.buffer().getInt(slot * NativeStructs.MMSGHDR_SIZE + NativeStructs.MMSGHDR_MSG_LEN));
    }

    /** Whether the kernel cut datagram {@code i} to the slot size ({@code MSG_TRUNC}). */
    public boolean truncated(int slot) {
        int flags = vector.buffer().getInt(slot * NativeStructs.MMSGHDR_SIZE + NativeStructs.MSGHDR_FLAGS);
        return (flags & LinuxConstants.MSG_TRUNC) != 0;
    }
}
