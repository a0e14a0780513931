package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Packs encoded messages into datagram payloads with conntrackd's strict rule (compat §3.1): a
 * message joins the buffer while {@code used + length < bufferSize}; otherwise the buffer is
 * finished first. A message that alone does not pass the rule travels alone. The buffer size is
 * the interface MTU minus {@link #UDP_OVERHEAD} (UDP, multicast) or {@link #TCP_OVERHEAD} (TCP).
 * Not thread-safe: one per sending channel.
 */
public final class SyncPacker {
    /** IPv4 + UDP header bytes conntrackd subtracts from the MTU for UDP and multicast. */
    public static final int UDP_OVERHEAD = 28;
    /** IPv4 + TCP header bytes conntrackd subtracts from the MTU for TCP. */
    public static final int TCP_OVERHEAD = 40;

    private final int bufferSize;
    private byte[] buffer;
    private int used;
    private int messages;

    /** @param bufferSize conntrackd's buffer size, at least {@link SyncHeader#ACK_SIZE} */
    public SyncPacker(int bufferSize) {
        if (bufferSize < SyncHeader.ACK_SIZE) {
            throw new IllegalArgumentException("buffer size below " + SyncHeader.ACK_SIZE + ": " + bufferSize);
        }
        this.bufferSize = bufferSize;
        this.buffer = new byte[bufferSize];
    }

    /** Buffer size for a UDP or multicast link with this MTU. */
    public static int udpBufferSize(int mtu) {
        return mtu - UDP_OVERHEAD;
    }

    /** Buffer size for a TCP link with this MTU. */
    public static int tcpBufferSize(int mtu) {
        return mtu - TCP_OVERHEAD;
    }

    /**
     * Appends one whole message. Returns the payload this append finished (the buffer as it was,
     * when the message did not fit), or null; the message itself is then buffered.
     */
    public byte[] append(byte[] message, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, message.length);
        byte[] finished = null;
        if (used > 0 && used + length >= bufferSize) {
            finished = flush();
        }
        if (used + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, used + length);
        }
        System.arraycopy(message, offset, buffer, used, length);
        used += length;
        messages++;
        return finished;
    }

    public byte[] append(byte[] message) {
        return append(message, 0, message.length);
    }

    /** Appends the bytes between {@code message}'s position and limit (the position is not moved). */
    public byte[] append(ByteBuffer message) {
        int length = message.remaining();
        byte[] finished = null;
        if (used > 0 && used + length >= bufferSize) {
            finished = flush();
        }
        if (used + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, used + length);
        }
        message.get(message.position(), buffer, used, length);
        used += length;
        messages++;
        return finished;
    }

    /** Finishes the buffer: its payload, or null if it is empty. */
    public byte[] flush() {
        if (used == 0) {
            return null;
        }
        byte[] out = Arrays.copyOf(buffer, used);
        if (buffer.length > bufferSize) {
            buffer = new byte[bufferSize];
        }
        used = 0;
        messages = 0;
        return out;
    }

    /** True if a message of {@code length} bytes would join the current buffer. */
    public boolean fits(int length) {
        return used + length < bufferSize;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** Bytes waiting in the buffer. */
    public int used() {
        return used;
    }

    /** Messages waiting in the buffer. */
    public int messages() {
        return messages;
    }
}
