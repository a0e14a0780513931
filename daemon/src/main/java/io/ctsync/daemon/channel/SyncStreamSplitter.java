package io.ctsync.daemon.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * Cuts a TCP sync stream back into runs of whole messages, using only the common header's length
 * field; a partial trailing message is kept until the next read completes it.
 *
 * <pre>
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 * +-------+-------+---------------+-------------------------------+
 * |version| type  |     flags     |   length (BE, whole message)  |
 * +-------+-------+---------------+-------------------------------+
 * |                       sequence number (BE)                    |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * A declared length below the 8-byte header can never be a message boundary: the stream cannot be
 * resynchronised, so {@link #feed} reports {@link Result#BAD_LENGTH} and the connection must be
 * reset. Not thread-safe: one splitter per connection.
 */
public final class SyncStreamSplitter {
    /** Size of the common message header. */
    public static final int HEADER_SIZE = 8;
    /** Offset of the 16-bit big-endian total message length. */
    public static final int LENGTH_OFFSET = 2;

    /** Outcome of one {@link #feed}. */
    public enum Result {
        /** Complete messages (if any) were delivered; any partial one is kept. */
        OK,
        /** A header declared a length below {@link #HEADER_SIZE}; the splitter is now empty. */
        BAD_LENGTH
    }

    private final ByteBufAllocator allocator;
    private ByteBuf cumulation;

    public SyncStreamSplitter(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Adds one read to the stream and hands every complete message run to {@code sink} as one
     * buffer, valid only during the call. Takes ownership of {@code chunk}. Messages before a bad
     * length are still delivered.
     */
    public Result feed(ByteBuf chunk, Consumer<ByteBuf> sink) {
        ByteBuf buf;
        if (cumulation != null && cumulation.isReadable()) {
            cumulation.writeBytes(chunk);
            chunk.release();
            buf = cumulation;
        } else {
            buf = chunk;
        }
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        int pos = start;
        Result result = Result.OK;
        while (end - pos >= HEADER_SIZE) {
            int length = buf.getUnsignedShort(pos + LENGTH_OFFSET);
            if (length < HEADER_SIZE) {
                result = Result.BAD_LENGTH;
                break;
            }
            if (length > end - pos) {
                break;
            }
            pos += length;
        }
        try {
            if (pos > start) {
                sink.accept(buf.slice(start, pos - start));
            }
        } finally {
            if (result == Result.BAD_LENGTH) {
                if (buf == chunk) {
                    chunk.release();
                }
                release();
            } else {
                keepRemainder(buf, chunk, pos, end);
            }
        }
        return result;
    }

    /** Bytes of an incomplete message waiting for the next read. */
    public int pending() {
        return cumulation == null ? 0 : cumulation.readableBytes();
    }

    /** Frees the kept bytes (on connection close). */
    public void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    private void keepRemainder(ByteBuf buf, ByteBuf chunk, int pos, int end) {
        int remainder = end - pos;
        if (buf == chunk) {
            if (remainder > 0) {
                if (cumulation == null) {
                    cumulation = allocator.buffer(Math.max(remainder, 2048));
                }
                cumulation.clear().writeBytes(chunk, pos, remainder);
            }
            chunk.release();
        } else if (remainder == 0) {
            cumulation.clear();
        } else {
            cumulation.readerIndex(pos);
            cumulation.discardReadBytes();
        }
    }
}
