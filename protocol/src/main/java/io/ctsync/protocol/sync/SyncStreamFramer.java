package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The receiver loop of {@link SyncFramer} for a TCP byte stream: a partial message at the end of a
 * read (fewer than 8 bytes, or fewer than its {@code len}) is kept and completed by the next read.
 * A {@code len} that can never be a message (0, or below its header size) loses the framing: it is
 * counted, everything buffered is dropped and {@link #feed} returns false, after which the
 * connection should be reset. Not thread-safe: one per connection.
 */
public final class SyncStreamFramer {
    private final SyncDropSink drops;
    private final int[] frames = new int[1];
    private byte[] pending = new byte[0];
    private int pendingLength;

    public SyncStreamFramer(SyncDropSink drops) {
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    /**
     * Adds the bytes between {@code chunk}'s position and limit (the position is moved to the
     * limit) and delivers every message that is now complete. Returns false if the stream lost
     * its framing.
     */
    public boolean feed(ByteBuffer chunk, SyncFrameHandler handler) {
        int n = chunk.remaining();
        if (pendingLength == 0) {
            int consumed = SyncFramer.walk(chunk, chunk.position(), chunk.limit(), true, handler, drops, frames);
            if (consumed < 0) {
                chunk.position(chunk.limit());
                return false;
            }
            keep(chunk, consumed, chunk.limit() - consumed);
            chunk.position(chunk.limit());
            return true;
        }
        if (pending.length < pendingLength + n) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + n, 2 * pending.length));
        }
        chunk.get(pending, pendingLength, n);
        int total = pendingLength + n;
        ByteBuffer buf = ByteBuffer.wrap(pending, 0, total);
        int consumed = SyncFramer.walk(buf, 0, total, true, handler, drops, frames);
        if (consumed < 0) {
            pendingLength = 0;
            return false;
        }
        System.arraycopy(pending, consumed, pending, 0, total - consumed);
        pendingLength = total - consumed;
        return true;
    }

    /** Bytes of an incomplete message waiting for the next read. */
    public int pending() {
        return pendingLength;
    }

    /** Forgets buffered bytes (a new connection starts a new stream). */
    public void reset() {
        pendingLength = 0;
    }

    private void keep(ByteBuffer chunk, int from, int count) {
        if (pending.length < count) {
            pending = new byte[Math.max(count, SyncHeader.MAX_MESSAGE_SIZE)];
        }
        chunk.get(from, pending, 0, count);
        pendingLength = count;
    }
}
