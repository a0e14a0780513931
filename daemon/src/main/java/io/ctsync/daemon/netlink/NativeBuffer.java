package io.ctsync.daemon.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * A direct, native-order {@link ByteBuffer} together with its native base address, so native calls
 * receive {@code address + offset} and an explicit length instead of relying on the buffer's position
 * (ctnetlink.md §17 pitfall 1).
 */
public final class NativeBuffer {
    private final ByteBuffer buffer;
    private final long address;

    private NativeBuffer(ByteBuffer buffer) {
        this.buffer = buffer;
        this.address = Pointer.wrap(Native.RUNTIME, buffer).address();
        if (address == 0) {
            throw new IllegalStateException("no native address for a direct buffer");
        }
    }

    /** Allocates {@code capacity} zeroed bytes of native memory, in native byte order. */
    public static NativeBuffer allocate(int capacity) {
        return new NativeBuffer(ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder()));
    }

    /** Wraps an existing direct buffer; its base address (index 0) is used, never its position. */
    public static NativeBuffer wrap(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("buffer must be direct");
        }
        ByteBuffer whole = direct.duplicate().clear();
        return new NativeBuffer(whole.slice().order(direct.order()));
    }

    /** The buffer; absolute index {@code i} corresponds to native address {@link #address()} + i. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public long address() {
        return address;
    }

    public long address(int offset) {
        return address + offset;
    }

    public int capacity() {
        return buffer.capacity();
    }
}
