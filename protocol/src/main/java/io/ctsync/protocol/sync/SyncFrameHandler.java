package io.ctsync.protocol.sync;

/** Receives the frames a {@link SyncFramer} or {@link SyncStreamFramer} cuts out of a payload. */
@FunctionalInterface
public interface SyncFrameHandler {
    /** Called once per frame, in payload order; the frame's bytes are valid only during the call. */
    void onFrame(SyncFrame frame);
}
