package io.ctsync.protocol.sync;

/** Receives one event per dropped message or omitted part, named by its reason. */
@FunctionalInterface
public interface SyncDropSink {
    /** Ignores everything. */
    SyncDropSink NONE = reason -> {};

    void drop(SyncDropReason reason);
}
