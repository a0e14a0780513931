package io.ctsync.daemon.netlink;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe named counters over one enum (one constant per event, drop or failure reason), written by one
 * component and read by metrics and {@code ctsyncctl stats}.
 */
public final class Counters<E extends Enum<E>> {
    private final Class<E> type;
    private final AtomicLongArray values;

    public Counters(Class<E> type) {
        this.type = type;
        this.values = new AtomicLongArray(type.getEnumConstants().length);
    }

    public void increment(E counter) {
        values.incrementAndGet(counter.ordinal());
    }

    public void add(E counter, long delta) {
        if (delta != 0) {
            values.addAndGet(counter.ordinal(), delta);
        }
    }

    public long get(E counter) {
        return values.get(counter.ordinal());
    }

    /** A point-in-time copy of every counter, in declaration order. */
    public Map<E, Long> snapshot() {
        EnumMap<E, Long> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, values.get(e.ordinal()));
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
