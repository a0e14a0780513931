package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;

/**
 * Layout of the conntrackd protocol-version-1 message header (compat §3.2) and absolute readers and
 * writers for it. Every multi-byte field is big-endian; offsets are relative to the message start.
 *
 * <pre>
 * common header, 8 bytes (every message)
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 * +-------+-------+---------------+-------------------------------+
 * |version| type  |     flags     |  len (whole message, padded)  |  0
 * +-------+-------+---------------+-------------------------------+
 * |                          seq                                  |  4
 * +---------------------------------------------------------------+
 * | attributes (data messages) ...                                |  8
 *
 * control header for ACK, NACK and RESYNC, 16 bytes
 * +---------------------------------------------------------------+
 * |                 common header as above, type 10               |  0
 * +---------------------------------------------------------------+
 * |                          from (first seq of the range)        |  8
 * +---------------------------------------------------------------+
 * |                          to (last seq, inclusive)             | 12
 * +---------------------------------------------------------------+
 * </pre>
 *
 * Byte 0 is {@code version << 4 | type}; conntrackd's C bit-field is declared per endianness so
 * that this byte is identical on every host.
 */
public final class SyncHeader {
    private SyncHeader() {}

    /** {@code CONNTRACKD_PROTOCOL_VERSION}. */
    public static final int VERSION = 1;

    /** Common header size ({@code NETHDR_SIZ}). */
    public static final int SIZE = 8;
    /** Header size of ACK, NACK and RESYNC ({@code NETHDR_ACK_SIZ}). */
    public static final int ACK_SIZE = 16;
    /** Largest message a conntrackd sender builds. */
    public static final int MAX_MESSAGE_SIZE = 4096;
    /** Largest value of the 16-bit {@code len} field. */
    public static final int MAX_LENGTH_FIELD = 0xffff;

    public static final int OFF_VERSION_TYPE = 0;
    public static final int OFF_FLAGS = 1;
    public static final int OFF_LEN = 2;
    public static final int OFF_SEQ = 4;
    public static final int OFF_FROM = 8;
    public static final int OFF_TO = 12;

    public static final int VERSION_SHIFT = 4;
    public static final int TYPE_MASK = 0x0f;

    /** Byte 0 for a message of {@code type} in protocol version 1. */
    public static int versionType(int type) {
        return (VERSION << VERSION_SHIFT) | (type & TYPE_MASK);
    }

    public static int version(ByteBuffer buf, int msg) {
        return (buf.get(msg + OFF_VERSION_TYPE) & 0xff) >>> VERSION_SHIFT;
    }

    public static int type(ByteBuffer buf, int msg) {
        return buf.get(msg + OFF_VERSION_TYPE) & TYPE_MASK;
    }

    public static int flags(ByteBuffer buf, int msg) {
        return buf.get(msg + OFF_FLAGS) & 0xff;
    }

    public static int length(ByteBuffer buf, int msg) {
        return Bytes.u16(buf, msg + OFF_LEN);
    }

    public static int seq(ByteBuffer buf, int msg) {
        return Bytes.u32(buf, msg + OFF_SEQ);
    }

    public static int from(ByteBuffer buf, int msg) {
        return Bytes.u32(buf, msg + OFF_FROM);
    }

    public static int to(ByteBuffer buf, int msg) {
        return Bytes.u32(buf, msg + OFF_TO);
    }

    /** Writes the 8-byte common header at {@code msg}. */
    public static void write(ByteBuffer buf, int msg, int type, int flags, int length, int seq) {
        checkLength(length);
        buf.put(msg + OFF_VERSION_TYPE, (byte) versionType(type));
        buf.put(msg + OFF_FLAGS, (byte) flags);
        Bytes.putU16(buf, msg + OFF_LEN, length);
        Bytes.putU32(buf, msg + OFF_SEQ, seq);
    }

    /** Rewrites the sequence number of an encoded message (a retransmission gets a new one). */
    public static void setSeq(ByteBuffer buf, int msg, int seq) {
        Bytes.putU32(buf, msg + OFF_SEQ, seq);
    }

    public static void setSeq(byte[] buf, int msg, int seq) {
        setSeq(ByteBuffer.wrap(buf), msg, seq);
    }

    /** Rewrites the flags byte of an encoded message (e.g. to add or clear HELLO). */
    public static void setFlags(ByteBuffer buf, int msg, int flags) {
        buf.put(msg + OFF_FLAGS, (byte) flags);
    }

    public static void setFlags(byte[] buf, int msg, int flags) {
        buf[msg + OFF_FLAGS] = (byte) flags;
    }

    private static void checkLength(int length) {
        if (length < SIZE || length > MAX_LENGTH_FIELD) {
            throw new IllegalArgumentException("message length out of range: " + length);
        }
    }
}
