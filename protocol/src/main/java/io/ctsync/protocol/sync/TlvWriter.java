package io.ctsync.protocol.sync;

import io.ctsync.protocol.conntrack.IpAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Appends attributes in the {@link Tlv} format at a buffer's position, zero-filling the padding
 * and advancing the position past it. The buffer's own byte order is ignored. A buffer without
 * room throws {@link java.nio.BufferOverflowException} (a programming error: messages are bounded
 * by {@link SyncHeader#MAX_MESSAGE_SIZE}).
 */
public final class TlvWriter {
    private TlvWriter() {}

    public static void u8(ByteBuffer buf, int id, int value) {
        int p = begin(buf, id, 1);
        buf.put(p, (byte) value);
        end(buf, p, 1);
    }

    /** A big-endian u16. */
    public static void u16(ByteBuffer buf, int id, int value) {
        int p = begin(buf, id, 2);
        Bytes.putU16(buf, p, value);
        end(buf, p, 2);
    }

    /** A little-endian u16 (NAT ports and ICMP id from little-endian senders, compat §3.8). */
    public static void u16le(ByteBuffer buf, int id, int value) {
        int p = begin(buf, id, 2);
        Bytes.putU16le(buf, p, value);
        end(buf, p, 2);
    }

    /** A big-endian u32. */
    public static void u32(ByteBuffer buf, int id, int value) {
        int p = begin(buf, id, 4);
        Bytes.putU32(buf, p, value);
        end(buf, p, 4);
    }

    /** Big-endian u32 values one after the other. */
    public static void u32s(ByteBuffer buf, int id, int... values) {
        int p = begin(buf, id, 4 * values.length);
        for (int i = 0; i < values.length; i++) {
            Bytes.putU32(buf, p + 4 * i, values[i]);
        }
        end(buf, p, 4 * values.length);
    }

    /** Two big-endian u16 (a port pair). */
    public static void u16pair(ByteBuffer buf, int id, int first, int second) {
        int p = begin(buf, id, 4);
        Bytes.putU16(buf, p, first);
        Bytes.putU16(buf, p + 2, second);
        end(buf, p, 4);
    }

    /** One address in network order (4 or 16 bytes). */
    public static void address(ByteBuffer buf, int id, IpAddress a) {
        int n = a.byteLength();
        int p = begin(buf, id, n);
        putAddress(buf, p, a);
        end(buf, p, n);
    }

    /** Two addresses of the same family in network order. */
    public static void addressPair(ByteBuffer buf, int id, IpAddress first, IpAddress second) {
        int n = first.byteLength();
        if (second.byteLength() != n) {
            throw new IllegalArgumentException("address pair of mixed families: " + first + ", " + second);
        }
        int p = begin(buf, id, 2 * n);
        putAddress(buf, p, first);
        putAddress(buf, p + n, second);
        end(buf, p, 2 * n);
    }

    /** A string of 8-bit characters followed by a NUL ({@code strlen + 1} payload bytes). */
    public static void cString(ByteBuffer buf, int id, String s) {
        int n = s.length();
        int p = begin(buf, id, n + 1);
        for (int i = 0; i < n; i++) {
            buf.put(p + i, (byte) s.charAt(i));
        }
        buf.put(p + n, (byte) 0);
        end(buf, p, n + 1);
    }

    /** Raw payload bytes. */
    public static void bytes(ByteBuffer buf, int id, byte[] payload, int offset, int length) {
        int p = begin(buf, id, length);
        for (int i = 0; i < length; i++) {
            buf.put(p + i, payload[offset + i]);
        }
        end(buf, p, length);
    }

    /**
     * Writes the attribute header for a payload of {@code payloadLength} bytes and returns the
     * payload offset; after filling it, call {@link #end}.
     */
    public static int begin(ByteBuffer buf, int id, int payloadLength) {
        int start = buf.position();
        int total = Tlv.space(payloadLength);
        if (buf.limit() - start < total) {
            throw new BufferOverflowException();
        }
        if ((id & ~0xffff) != 0 || Tlv.HEADER_SIZE + payloadLength > 0xffff) {
            throw new IllegalArgumentException("attribute id or length out of range: " + id + ", " + payloadLength);
        }
        Bytes.putU16(buf, start + Tlv.OFF_LEN, Tlv.HEADER_SIZE + payloadLength);
        Bytes.putU16(buf, start + Tlv.OFF_TYPE, id);
        return start + Tlv.HEADER_SIZE;
    }

    /** Zero-fills the padding after a payload written at {@code payload} and advances past it. */
    public static void end(ByteBuffer buf, int payload, int payloadLength) {
        int p = payload + payloadLength;
        int next = payload - Tlv.HEADER_SIZE + Tlv.space(payloadLength);
        while (p < next) {
            buf.put(p++, (byte) 0);
        }
        buf.position(next);
    }

    static void putAddress(ByteBuffer buf, int at, IpAddress a) {
        if (a.isV4()) {
            Bytes.putU32(buf, at, a.v4Bits());
        } else {
            putLong(buf, at, a.hi());
            putLong(buf, at + 8, a.lo());
        }
    }

    private static void putLong(ByteBuffer buf, int at, long v) {
        Bytes.putU32(buf, at, (int) (v >>> 32));
        Bytes.putU32(buf, at + 4, (int) v);
    }
}
