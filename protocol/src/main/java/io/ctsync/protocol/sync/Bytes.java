package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;

/** Absolute big- and little-endian accessors that ignore the buffer's own byte order. */
final class Bytes {
    private Bytes() {}

    static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xff;
    }

    static int u16(ByteBuffer b, int i) {
        return ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
    }

    static int u16le(ByteBuffer b, int i) {
        return (b.get(i) & 0xff) | ((b.get(i + 1) & 0xff) << 8);
    }

    static int u32(ByteBuffer b, int i) {
        return ((b.get(i) & 0xff) << 24)
                | ((b.get(i + 1) & 0xff) << 16)
                | ((b.get(i + 2) & 0xff) << 8)
                | (b.get(i + 3) & 0xff);
    }

    static int u32le(ByteBuffer b, int i) {
        return Integer.reverseBytes(u32(b, i));
    }

    static void putU16(ByteBuffer b, int i, int v) {
        b.put(i, (byte) (v >>> 8));
        b.put(i + 1, (byte) v);
    }

    static void putU16le(ByteBuffer b, int i, int v) {
        b.put(i, (byte) v);
        b.put(i + 1, (byte) (v >>> 8));
    }

    static void putU32(ByteBuffer b, int i, int v) {
        b.put(i, (byte) (v >>> 24));
        b.put(i + 1, (byte) (v >>> 16));
        b.put(i + 2, (byte) (v >>> 8));
        b.put(i + 3, (byte) v);
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }
}
