package io.ctsync.protocol.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A {@link SyncDropSink} that counts per reason. One writer (the engine) and any number of readers
 * (metrics, stats) may use it concurrently.
 */
public final class SyncDropCounters implements SyncDropSink {
    private static final SyncDropReason[] REASONS = SyncDropReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    @Override
    public void drop(SyncDropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long count(SyncDropReason reason) {
        return counts.get(reason.ordinal());
    }

    /** Received messages dropped for any reason (conntrackd's "Malformed messages"). */
    public long receiveDrops() {
        long n = 0;
        for (SyncDropReason r : REASONS) {
            if (r.isReceiveDrop()) {
                n += counts.get(r.ordinal());
            }
        }
        return n;
    }

    /** Total of the reasons that map to one conntrackd {@code -s network} line. */
    public long conntrackdStat(String line) {
        long n = 0;
        for (SyncDropReason r : REASONS) {
            if (line.equals(r.conntrackdStat())) {
                n += counts.get(r.ordinal());
            }
        }
        return n;
    }

    /** Every reason with its count, zeros included, in declaration order. */
    public Map<SyncDropReason, Long> snapshot() {
        Map<SyncDropReason, Long> m = new EnumMap<>(SyncDropReason.class);
        for (SyncDropReason r : REASONS) {
            m.put(r, counts.get(r.ordinal()));
        }
        return m;
    }
}
