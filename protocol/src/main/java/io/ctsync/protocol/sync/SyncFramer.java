package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * conntrackd's receiver loop (compat §3.1) over one UDP or multicast payload: cuts it into
 * messages, checks each header's sizes and version, and hands the survivors to a handler. A size
 * problem drops the rest of the payload, a wrong version skips one message; each is counted
 * under its reason. Never throws on any input. Stateless apart from its sink; one per receiving
 * thread.
 *
 * <p>Checks per message, in this order: fewer than 8 bytes left → {@link
 * SyncDropReason#TRUNCATED}; {@code len} 0 or beyond the bytes left → {@link
 * SyncDropReason#BAD_MESSAGE_SIZE}; an ACK / NACK / RESYNC with fewer than 16 bytes left → {@link
 * SyncDropReason#TRUNCATED}, or with {@code len} below 16 → {@link
 * SyncDropReason#BAD_MESSAGE_SIZE}; any other {@code len} below 8 → {@link
 * SyncDropReason#BAD_MESSAGE_SIZE}; version ≠ 1 → {@link SyncDropReason#WRONG_VERSION} and on to
 * the next message.
 */
public final class SyncFramer {
    private final SyncDropSink drops;

    public SyncFramer(SyncDropSink drops) {
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    /**
     * Walks the bytes between {@code payload}'s position and limit (neither is changed) and
     * returns the number of frames delivered.
     */
    public int read(ByteBuffer payload, SyncFrameHandler handler) {
        int[] frames = new int[1];
        walk(payload, payload.position(), payload.limit(), false, handler, drops, frames);
        return frames[0];
    }

    /**
     * The loop shared with {@link SyncStreamFramer}. Returns the index up to which bytes were
     * consumed; in stream mode a partial message at the end is left unconsumed; {@code -1} means a
     * stream saw a length that can never be a message boundary.
     */
    static int walk(
            ByteBuffer buf,
            int start,
            int end,
            boolean stream,
            SyncFrameHandler handler,
            SyncDropSink drops,
            int[] frames) {
        int p = start;
        while (p < end) {
            int remain = end - p;
            if (remain < SyncHeader.SIZE) {
                if (stream) {
                    return p;
                }
                drops.drop(SyncDropReason.TRUNCATED);
                return end;
            }
            int len = SyncHeader.length(buf, p);
            if (len == 0) {
                drops.drop(SyncDropReason.BAD_MESSAGE_SIZE);
                return stream ? -1 : end;
            }
            if (len > remain) {
                if (stream) {
                    return p;
                }
                drops.drop(SyncDropReason.BAD_MESSAGE_SIZE);
                return end;
            }
            int type = SyncHeader.type(buf, p);
            int flags = SyncHeader.flags(buf, p);
            SyncDropReason bad = null;
            if (SyncFlags.hasRange(type, flags)) {
                if (remain < SyncHeader.ACK_SIZE) {
                    bad = stream ? SyncDropReason.BAD_MESSAGE_SIZE : SyncDropReason.TRUNCATED;
                } else if (len < SyncHeader.ACK_SIZE) {
                    bad = SyncDropReason.BAD_MESSAGE_SIZE;
                }
            } else if (len < SyncHeader.SIZE) {
                bad = SyncDropReason.BAD_MESSAGE_SIZE;
            }
            if (bad != null) {
                drops.drop(bad);
                return stream ? -1 : end;
            }
            if (SyncHeader.version(buf, p) != SyncHeader.VERSION) {
                drops.drop(SyncDropReason.WRONG_VERSION);
            } else {
                frames[0]++;
                handler.onFrame(new SyncFrame(buf, p, len, type, flags, SyncHeader.seq(buf, p)));
            }
            p += len;
        }
        return p;
    }
}
