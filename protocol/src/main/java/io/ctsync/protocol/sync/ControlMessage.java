package io.ctsync.protocol.sync;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * A control message (type 10): ALIVE (8 bytes), or ACK, NACK, RESYNC (16 bytes, with an inclusive
 * sequence range; RESYNC sends from = to = 0). HELLO / HELLO_BACK may be set on any of them.
 *
 * @param kind which control message
 * @param flags the whole flags byte: the kind's bit plus HELLO / HELLO_BACK
 * @param seq the sender's sequence number
 * @param from first sequence number of the range (0 for ALIVE)
 * @param to last sequence number of the range, inclusive (0 for ALIVE)
 */
public record ControlMessage(Kind kind, int flags, int seq, int from, int to) implements SyncMessage {

    /** The four control messages, each selected by one flag bit. */
    public enum Kind {
        ALIVE(SyncFlags.ALIVE),
        ACK(SyncFlags.ACK),
        NACK(SyncFlags.NACK),
        RESYNC(SyncFlags.RESYNC);

        private final int flag;

        Kind(int flag) {
            this.flag = flag;
        }

        public int flag() {
            return flag;
        }

        /** Header size on the wire. */
        public int size() {
            return this == ALIVE ? SyncHeader.SIZE : SyncHeader.ACK_SIZE;
        }
    }

    public ControlMessage {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        if ((flags & ~0xff) != 0 || (flags & kind.flag) == 0) {
            throw new IllegalArgumentException("flags " + SyncFlags.toString(flags) + " do not select " + kind);
        }
    }

    public static ControlMessage alive(int seq, int helloFlags) {
        return new ControlMessage(Kind.ALIVE, SyncFlags.ALIVE | hello(helloFlags), seq, 0, 0);
    }

    public static ControlMessage ack(int seq, int from, int to, int helloFlags) {
        return new ControlMessage(Kind.ACK, SyncFlags.ACK | hello(helloFlags), seq, from, to);
    }

    public static ControlMessage nack(int seq, int from, int to, int helloFlags) {
        return new ControlMessage(Kind.NACK, SyncFlags.NACK | hello(helloFlags), seq, from, to);
    }

    public static ControlMessage resync(int seq, int helloFlags) {
        return new ControlMessage(Kind.RESYNC, SyncFlags.RESYNC | hello(helloFlags), seq, 0, 0);
    }

    @Override
    public SyncMessageType type() {
        return SyncMessageType.CTL;
    }

    /** Bytes on the wire: 8 for ALIVE, 16 otherwise. */
    public int size() {
        return kind.size();
    }

    /** Writes the message at {@code dst}'s position and advances it; returns the size. */
    public int encode(ByteBuffer dst) {
        int at = dst.position();
        int size = size();
        if (dst.limit() - at < size) {
            throw new BufferOverflowException();
        }
        SyncHeader.write(dst, at, SyncMessageType.CTL.value(), flags, size, seq);
        if (size == SyncHeader.ACK_SIZE) {
            Bytes.putU32(dst, at + SyncHeader.OFF_FROM, from);
            Bytes.putU32(dst, at + SyncHeader.OFF_TO, to);
        }
        dst.position(at + size);
        return size;
    }

    public byte[] toBytes() {
        byte[] b = new byte[size()];
        encode(ByteBuffer.wrap(b));
        return b;
    }

    private static int hello(int helloFlags) {
        if ((helloFlags & ~SyncFlags.HELLO_MASK) != 0) {
            throw new IllegalArgumentException(
                    "only HELLO / HELLO_BACK may be added: " + SyncFlags.toString(helloFlags));
        }
        return helloFlags;
    }

    @Override
    public String toString() {
        return kind + "[flags=" + SyncFlags.toString(flags) + " seq=" + SyncSeq.toString(seq)
                + (kind == Kind.ALIVE ? "" : " from=" + SyncSeq.toString(from) + " to=" + SyncSeq.toString(to)) + ']';
    }
}
