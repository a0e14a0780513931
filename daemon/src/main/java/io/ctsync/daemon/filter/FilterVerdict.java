package io.ctsync.daemon.filter;

import java.util.EnumMap;
import java.util.Map;

/**
 * The user-space filter's decision on one event: pass it on, drop it (with a reason), or hold it back until
 * {@link #untilNanos()} and ask again. PASS and DROP verdicts are shared constants.
 */
public final class FilterVerdict {
    /** What to do with the event. */
    public enum Action {
        PASS,
        DROP,
        DEFER
    }

    public static final FilterVerdict PASS = new FilterVerdict(Action.PASS, null, 0);

    private static final Map<FilterDropReason, FilterVerdict> DROPS = new EnumMap<>(FilterDropReason.class);

    static {
        for (FilterDropReason r : FilterDropReason.values()) {
            DROPS.put(r, new FilterVerdict(Action.DROP, r, 0));
        }
    }

    private final Action action;
    private final FilterDropReason reason;
    private final long untilNanos;

    private FilterVerdict(Action action, FilterDropReason reason, long untilNanos) {
        this.action = action;
        this.reason = reason;
        this.untilNanos = untilNanos;
    }

    public static FilterVerdict drop(FilterDropReason reason) {
        return DROPS.get(reason);
    }

    /** Hold the entry back and re-check it at {@code untilNanos} (the filter's time base). */
    public static FilterVerdict defer(long untilNanos) {
        return new FilterVerdict(Action.DEFER, null, untilNanos);
    }

    public Action action() {
        return action;
    }

    /** The drop reason; null unless {@link Action#DROP}. */
    public FilterDropReason reason() {
        return reason;
    }

    /** When to re-check; meaningful only for {@link Action#DEFER}. */
    public long untilNanos() {
        return untilNanos;
    }

    public boolean passes() {
        return action == Action.PASS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilterVerdict v && v.action == action && v.reason == reason && v.untilNanos == untilNanos;
    }

    @Override
    public int hashCode() {
        return action.hashCode() * 31 + (reason == null ? 0 : reason.hashCode()) + Long.hashCode(untilNanos);
    }

    @Override
    public String toString() {
        return switch (action) {
            case PASS -> "PASS";
            case DROP -> "DROP(" + reason + ")";
            case DEFER -> "DEFER(until " + untilNanos + ")";
        };
    }
}
