package io.ctsync.daemon.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Packs sync messages into payloads of at most one buffer size, with conntrackd's strict rule: a
 * message joins the buffer only while {@code used + length < bufferSize}; otherwise the buffer is
 * sent first. A message that alone does not pass the rule is sent on its own. Not thread-safe: one
 * packer per sending thread (the engine).
 */
public final class DatagramPacker {
    private final int bufferSize;
    private final ByteBufAllocator allocator;
    private final Consumer<ByteBuf> sink;
    private ByteBuf buffer;
    private int messages;
    private long payloads;
    private long oversized;

    /**
     * @param bufferSize conntrackd's buffer size ({@link SyncChannel#payloadLimit()})
     * @param sink receives each packed payload and takes ownership of it
     */
    public DatagramPacker(int bufferSize, ByteBufAllocator allocator, Consumer<ByteBuf> sink) {
        if (bufferSize < 16) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " is below 16 bytes");
        }
        this.bufferSize = bufferSize;
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A packer sized for {@code channel} that sends on it. */
    public static DatagramPacker forChannel(SyncChannel channel) {
        return new DatagramPacker(channel.payloadLimit(), ByteBufAllocator.DEFAULT, channel::send);
    }

    /**
     * Appends the readable bytes of {@code message} (one whole message); its reader index and
     * ownership stay with the caller.
     */
    public void append(ByteBuf message) {
        int length = message.readableBytes();
        if (!reserve(length)) {
            sendAlone(allocator.buffer(length).writeBytes(message, message.readerIndex(), length));
            return;
        }
        buffer.writeBytes(message, message.readerIndex(), length);
        messages++;
    }

    /** Appends {@code length} bytes of {@code message} from {@code offset} (one whole message). */
    public void append(byte[] message, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, message.length);
        if (!reserve(length)) {
            sendAlone(allocator.buffer(length).writeBytes(message, offset, length));
            return;
        }
        buffer.writeBytes(message, offset, length);
        messages++;
    }

    /** Sends the buffer if it holds anything. */
    public void flush() {
        if (buffer != null && buffer.isReadable()) {
            ByteBuf out = buffer;
            buffer = null;
            messages = 0;
            payloads++;
            sink.accept(out);
        }
    }

    /** Drops what is buffered without sending it. */
    public void discard() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
            messages = 0;
        }
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** Bytes waiting in the buffer. */
    public int used() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** Messages waiting in the buffer. */
    public int bufferedMessages() {
        return messages;
    }

    /** Payloads handed to the sink so far. */
    public long payloadsSent() {
        return payloads;
    }

    /** Messages too large for the buffer, sent on their own. */
    public long oversizedMessages() {
        return oversized;
    }

    /** Makes room for a message of {@code length} bytes; false if it must travel alone. */
    private boolean reserve(int length) {
        if (used() + length < bufferSize) {
            ensureBuffer();
            return true;
        }
        flush();
        if (length < bufferSize) {
            ensureBuffer();
            return true;
        }
        return false;
    }

    private void ensureBuffer() {
        if (buffer == null) {
            buffer = allocator.buffer(bufferSize, bufferSize);
        }
    }

    private void sendAlone(ByteBuf message) {
        oversized++;
        payloads++;
        sink.accept(message);
    }
}
