package io.ctsync.daemon.filter;

import io.ctsync.config.Cidr;
import io.ctsync.config.FilterSettings;
import io.ctsync.config.Settings;
import io.ctsync.config.TcpState;
import java.util.List;
import java.util.Optional;

/**
 * The user-space replication filter: decides per decoded local event whether it is replicated, using the
 * settings' predicates for every criterion (also those a kernel program already applied, which is cheap and
 * covers dumps and the events the kernel passes up undecided), and holds young entries back for the minimum
 * age. Received (peer) entries are never filtered.
 *
 * <p>DESTROY events get every criterion except the TCP state: an entry replicated while in an accepted state
 * must have its end replicated whatever state it died in, and an entry that never matched was never
 * replicated (the engine ignores a DESTROY for an entry it does not hold). A DESTROY of an entry younger than
 * the minimum age is dropped ({@link FilterDropReason#DIED_YOUNG}): it was never replicated, and the engine
 * forgets any deferred copy. A TCP event that carries no state passes the state test.
 *
 * <p>Not thread-safe: call {@link #decide} from the engine thread only; the counters may be read anywhere.
 */
public final class EventFilter {
    private final FilterSettings filter;
    private final List<Cidr> implicitIgnores;
    private final long minAgeNanos;
    private final FilterCounters counters = new FilterCounters();

    /**
     * @param filter the validated filter settings
     * @param implicitIgnores networks ignored on top of the settings' ignore list ({@link
     *     Settings#implicitAddressIgnores()})
     */
    public EventFilter(FilterSettings filter, List<Cidr> implicitIgnores) {
        this.filter = filter;
        this.implicitIgnores = List.copyOf(implicitIgnores);
        this.minAgeNanos = Math.max(0, saturatedNanos(filter.minAge()));
    }

    /** The filter of {@code settings}, with its implicit loopback and sync-address ignores. */
    public static EventFilter of(Settings settings) {
        return new EventFilter(settings.filter(), settings.implicitAddressIgnores());
    }

    public FilterCounters counters() {
        return counters;
    }

    /** Decides on one event at {@code nowNanos} (same time base as {@link FilterableEntry#firstSeenNanos()}) and counts the verdict. */
    public FilterVerdict decide(FilterableEntry entry, EventKind kind, long nowNanos) {
        FilterVerdict v = evaluate(entry, kind, nowNanos);
        counters.count(v);
        return v;
    }

    /** {@link #decide} without counting. */
    public FilterVerdict evaluate(FilterableEntry entry, EventKind kind, long nowNanos) {
        if (!filter.admitsProtocol(entry.protocol())) {
            return FilterVerdict.drop(FilterDropReason.PROTOCOL);
        }
        if (!filter.admitsAddresses(entry.originalSource(), entry.replySource(), implicitIgnores)) {
            return FilterVerdict.drop(FilterDropReason.ADDRESS);
        }
        if (kind != EventKind.DESTROY && entry.protocol() == 6 && !admitsTcpState(entry.tcpState())) {
            return FilterVerdict.drop(FilterDropReason.TCP_STATE);
        }
        if (!filter.admitsMark(entry.mark())) {
            return FilterVerdict.drop(FilterDropReason.MARK);
        }
        if (!filter.admitsZone(entry.zone())) {
            return FilterVerdict.drop(FilterDropReason.ZONE);
        }
        if (!filter.labels().isEmpty() && !filter.admitsLabels(entry.labels())) {
            return FilterVerdict.drop(FilterDropReason.LABEL);
        }
        long firstSeen = entry.firstSeenNanos();
        if (minAgeNanos > 0 && firstSeen != FilterableEntry.FIRST_SEEN_UNKNOWN && nowNanos - firstSeen < minAgeNanos) {
            return kind == EventKind.DESTROY
                    ? FilterVerdict.drop(FilterDropReason.DIED_YOUNG)
                    : FilterVerdict.defer(firstSeen + minAgeNanos);
        }
        return FilterVerdict.PASS;
    }

    private boolean admitsTcpState(int state) {
        if (state == FilterableEntry.STATE_UNKNOWN || filter.tcpStates().isEmpty()) {
            return true;
        }
        Optional<TcpState> s = TcpState.byKernelValue(state);
        // a state the settings cannot name (NONE) matches no list element
        return s.isPresent()
                ? filter.admitsTcpState(s.get())
                : filter.tcpStates().admits(x -> false);
    }

    private static long saturatedNanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
