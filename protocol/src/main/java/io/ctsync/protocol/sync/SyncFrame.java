package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;

/**
 * One message that passed the receiver loop's size checks and the version check: its header fields
 * and where its bytes are. The bytes belong to the caller's buffer and are valid only during the
 * {@link SyncFrameHandler#onFrame} call; {@link SyncDecoder} turns a frame into an immutable
 * {@link SyncMessage}.
 *
 * @param buffer the payload the message sits in
 * @param offset index of the message's first byte in {@code buffer}
 * @param length the header's {@code len}
 * @param type the low nibble of byte 0 (0–15)
 * @param flags the flags byte
 * @param seq the sequence number
 */
public record SyncFrame(ByteBuffer buffer, int offset, int length, int type, int flags, int seq) {

    /** What conntrackd's receiver makes of the header (compat §3.3). */
    public enum Kind {
        /** A state message (type 0–5) with no flag other than HELLO / HELLO_BACK. */
        DATA,
        ACK,
        NACK,
        RESYNC,
        ALIVE,
        /** Flags that fit no known message (counted as "Malformed header"). */
        BAD_FLAGS,
        /** Type 6–9 or 11–15 without flags. */
        BAD_TYPE
    }

    /**
     * The classification, in conntrackd's order of tests: data, then ACK, NACK, RESYNC, ALIVE (a
     * control message with several of these bits is the first of them).
     */
    public Kind kind() {
        if (SyncFlags.isData(type, flags)) {
            return Kind.DATA;
        }
        if (SyncFlags.isAck(type, flags)) {
            return Kind.ACK;
        }
        if (SyncFlags.isNack(type, flags)) {
            return Kind.NACK;
        }
        if (SyncFlags.isResync(type, flags)) {
            return Kind.RESYNC;
        }
        if (SyncFlags.isAlive(type, flags)) {
            return Kind.ALIVE;
        }
        if (flags == 0 && type != SyncMessageType.CTL.value()) {
            return Kind.BAD_TYPE;
        }
        return Kind.BAD_FLAGS;
    }

    /** The message type, or null for an invalid type nibble. */
    public SyncMessageType messageType() {
        return SyncMessageType.of(type);
    }

    public boolean isHello() {
        return SyncFlags.isHello(flags);
    }

    public boolean isHelloBack() {
        return SyncFlags.isHelloBack(flags);
    }

    /** True for ACK, NACK and RESYNC, whose 16-byte header carries a range. */
    public boolean hasRange() {
        return SyncFlags.hasRange(type, flags);
    }

    /** First sequence number of the range ({@link #hasRange()} only). */
    public int from() {
        requireRange();
        return SyncHeader.from(buffer, offset);
    }

    /** Last sequence number of the range, inclusive ({@link #hasRange()} only). */
    public int to() {
        requireRange();
        return SyncHeader.to(buffer, offset);
    }

    /** A copy of the message bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[length];
        buffer.get(offset, b);
        return b;
    }

    private void requireRange() {
        if (!hasRange()) {
            throw new IllegalStateException("not an ACK, NACK or RESYNC frame");
        }
    }
}
