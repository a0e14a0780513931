package io.ctsync.daemon.filter;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the user-space filter: events passed, deferrals, and drops per {@link FilterDropReason}.
 * Updated on the engine thread, readable from any thread.
 */
public final class FilterCounters {
    private static final FilterDropReason[] REASONS = FilterDropReason.values();

    private final AtomicLongArray dropped = new AtomicLongArray(REASONS.length);
    private final AtomicLong passed = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();

    public long passed() {
        return passed.get();
    }

    /** How many times an event was held back for the minimum age (a re-check that defers again counts again). */
    public long deferred() {
        return deferred.get();
    }

    public long dropped(FilterDropReason reason) {
        return dropped.get(reason.ordinal());
    }

    /** Drops of every reason. */
    public long droppedTotal() {
        long sum = 0;
        for (int i = 0; i < REASONS.length; i++) {
            sum += dropped.get(i);
        }
        return sum;
    }

    /** Drop counters by reason, in declaration order. */
    public Map<FilterDropReason, Long> droppedSnapshot() {
        Map<FilterDropReason, Long> out = new EnumMap<>(FilterDropReason.class);
        for (FilterDropReason r : REASONS) {
            out.put(r, dropped(r));
        }
        return out;
    }

    void count(FilterVerdict v) {
        switch (v.action()) {
            case PASS -> passed.incrementAndGet();
            case DEFER -> deferred.incrementAndGet();
            case DROP -> dropped.incrementAndGet(v.reason().ordinal());
        }
    }
}
