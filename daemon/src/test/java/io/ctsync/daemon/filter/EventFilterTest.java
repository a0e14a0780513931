package io.ctsync.daemon.filter;

import static io.ctsync.daemon.filter.TestEvents.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctsync.config.Cidr;
import io.ctsync.config.FilterLocation;
import io.ctsync.config.FilterSettings;
import io.ctsync.config.MarkMatch;
import io.ctsync.config.Selection;
import io.ctsync.config.TcpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user-space filter applies every criterion, spares DESTROY the TCP state, defers young entries and counts drops by reason. */
class EventFilterTest {
    private static final long SECOND = 1_000_000_000L;

    record Entry(
            int protocol,
            InetAddress originalSource,
            InetAddress replySource,
            int tcpState,
            long mark,
            int zone,
            BitSet labels,
            long firstSeenNanos)
            implements FilterableEntry {

        static Entry tcp(String src, String replySrc, int state) {
            return new Entry(6, ip(src), ip(replySrc), state, 0, 0, new BitSet(), FIRST_SEEN_UNKNOWN);
        }

        Entry withMark(long m) {
            return new Entry(protocol, originalSource, replySource, tcpState, m, zone, labels, firstSeenNanos);
        }

        Entry withZone(int z) {
            return new Entry(protocol, originalSource, replySource, tcpState, mark, z, labels, firstSeenNanos);
        }

        Entry withLabels(int... bits) {
            BitSet b = new BitSet();
            for (int bit : bits) {
                b.set(bit);
            }
            return new Entry(protocol, originalSource, replySource, tcpState, mark, zone, b, firstSeenNanos);
        }

        Entry firstSeen(long nanos) {
            return new Entry(protocol, originalSource, replySource, tcpState, mark, zone, labels, nanos);
        }

        Entry protocol(int p) {
            return new Entry(p, originalSource, replySource, tcpState, mark, zone, labels, firstSeenNanos);
        }
    }

    private static FilterSettings filter(
            Selection<Integer> protocols,
            Selection<Cidr> addresses,
            Selection<TcpState> states,
            Selection<MarkMatch> marks,
            Selection<Integer> zones,
            Selection<Integer> labels,
            Duration minAge) {
        return new FilterSettings(
                FilterLocation.USERSPACE, protocols, addresses, false, false, states, marks, zones, labels, minAge);
    }

    private static <T> Selection<T> accept(T value) {
        return new Selection<>(List.of(value), List.of());
    }

    private static <T> Selection<T> ignore(T value) {
        return new Selection<>(List.of(), List.of(value));
    }

    private final Entry base = Entry.tcp("10.0.0.1", "10.0.0.2", 3);

    @Test
    void eachCriterionDropsWithItsOwnReasonAndCounter() {
        EventFilter f = new EventFilter(
                filter(
                        accept(6),
                        ignore(Cidr.parse("10.9.0.0/16").orElseThrow()),
                        accept(TcpState.ESTABLISHED),
                        accept(new MarkMatch(0x10, 0xf0)),
                        ignore(4),
                        accept(2),
                        Duration.ZERO),
                List.of(Cidr.parse("127.0.0.0/8").orElseThrow()));
        Entry good = base.withMark(0x13).withLabels(2, 5);
        assertEquals(FilterVerdict.PASS, f.decide(good, EventKind.NEW, 0));
        assertEquals(FilterVerdict.drop(FilterDropReason.PROTOCOL), f.decide(good.protocol(17), EventKind.NEW, 0));
        assertEquals(
                FilterVerdict.drop(FilterDropReason.ADDRESS),
                f.decide(new Entry(6, ip("10.0.0.1"), ip("10.9.3.3"), 3, 0x10, 0, good.labels(), 0), EventKind.NEW, 0));
        assertEquals(
                FilterVerdict.drop(FilterDropReason.ADDRESS),
                f.decide(
                        new Entry(6, ip("127.0.0.1"), ip("127.0.0.1"), 3, 0x10, 0, good.labels(), 0),
                        EventKind.NEW,
                        0));
        assertEquals(
                FilterVerdict.drop(FilterDropReason.TCP_STATE),
                f.decide(
                        new Entry(6, ip("10.0.0.1"), ip("10.0.0.2"), 7, 0x10, 0, good.labels(), 0),
                        EventKind.UPDATE,
                        0));
        assertEquals(FilterVerdict.drop(FilterDropReason.MARK), f.decide(good.withMark(0x20), EventKind.NEW, 0));
        assertEquals(FilterVerdict.drop(FilterDropReason.ZONE), f.decide(good.withZone(4), EventKind.NEW, 0));
        assertEquals(FilterVerdict.drop(FilterDropReason.LABEL), f.decide(good.withLabels(1, 3), EventKind.NEW, 0));
        assertEquals(FilterVerdict.drop(FilterDropReason.LABEL), f.decide(good.withLabels(), EventKind.NEW, 0));
        FilterCounters c = f.counters();
        assertEquals(1, c.passed());
        assertEquals(1, c.dropped(FilterDropReason.PROTOCOL));
        assertEquals(2, c.dropped(FilterDropReason.ADDRESS));
        assertEquals(1, c.dropped(FilterDropReason.TCP_STATE));
        assertEquals(1, c.dropped(FilterDropReason.MARK));
        assertEquals(1, c.dropped(FilterDropReason.ZONE));
        assertEquals(2, c.dropped(FilterDropReason.LABEL));
        assertEquals(8, c.droppedTotal());
    }

    @Test
    void destroySkipsTheTcpStateOnly() {
        EventFilter f = new EventFilter(
                filter(
                        Selection.all(),
                        Selection.all(),
                        accept(TcpState.ESTABLISHED),
                        accept(new MarkMatch(1, 1)),
                        Selection.all(),
                        Selection.all(),
                        Duration.ZERO),
                List.of());
        Entry closing = Entry.tcp("10.0.0.1", "10.0.0.2", 7).withMark(1);
        assertEquals(
                FilterVerdict.Action.DROP,
                f.evaluate(closing, EventKind.UPDATE, 0).action());
        assertEquals(FilterVerdict.PASS, f.evaluate(closing, EventKind.DESTROY, 0));
        assertEquals(FilterVerdict.drop(FilterDropReason.MARK), f.evaluate(closing.withMark(2), EventKind.DESTROY, 0));
    }

    @Test
    void tcpEventsWithoutAStatePassTheStateTestAndStateNoneMatchesNothing() {
        EventFilter accepting = new EventFilter(
                filter(
                        Selection.all(),
                        Selection.all(),
                        accept(TcpState.ESTABLISHED),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Duration.ZERO),
                List.of());
        assertEquals(
                FilterVerdict.PASS,
                accepting.evaluate(
                        Entry.tcp("10.0.0.1", "10.0.0.2", FilterableEntry.STATE_UNKNOWN), EventKind.UPDATE, 0));
        assertEquals(
                FilterVerdict.drop(FilterDropReason.TCP_STATE),
                accepting.evaluate(Entry.tcp("10.0.0.1", "10.0.0.2", 0), EventKind.NEW, 0));
        EventFilter ignoring = new EventFilter(
                filter(
                        Selection.all(),
                        Selection.all(),
                        ignore(TcpState.TIME_WAIT),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Duration.ZERO),
                List.of());
        assertEquals(FilterVerdict.PASS, ignoring.evaluate(Entry.tcp("10.0.0.1", "10.0.0.2", 0), EventKind.NEW, 0));
        // non-TCP entries are not affected
        assertEquals(
                FilterVerdict.PASS,
                accepting.evaluate(Entry.tcp("10.0.0.1", "10.0.0.2", 7).protocol(17), EventKind.NEW, 0));
    }

    @Test
    void youngEntriesAreDeferredUntilTheyReachTheMinimumAge() {
        EventFilter f = new EventFilter(
                filter(
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Duration.ofSeconds(5)),
                List.of());
        Entry e = base.firstSeen(100 * SECOND);
        assertEquals(FilterVerdict.defer(105 * SECOND), f.decide(e, EventKind.NEW, 100 * SECOND));
        assertEquals(FilterVerdict.defer(105 * SECOND), f.decide(e, EventKind.UPDATE, 104 * SECOND));
        assertEquals(FilterVerdict.PASS, f.decide(e, EventKind.UPDATE, 105 * SECOND));
        assertEquals(FilterVerdict.drop(FilterDropReason.DIED_YOUNG), f.decide(e, EventKind.DESTROY, 103 * SECOND));
        assertEquals(FilterVerdict.PASS, f.decide(e, EventKind.DESTROY, 106 * SECOND));
        assertEquals(FilterVerdict.PASS, f.decide(base, EventKind.NEW, 0), "unknown creation time counts as old");
        assertEquals(2, f.counters().deferred());
        assertEquals(3, f.counters().passed());
        assertEquals(1, f.counters().dropped(FilterDropReason.DIED_YOUNG));
    }

    @Test
    void failedCriteriaAreReportedBeforeTheAgeIsConsidered() {
        EventFilter f = new EventFilter(
                filter(
                        accept(17),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Duration.ofSeconds(5)),
                List.of());
        assertEquals(FilterVerdict.drop(FilterDropReason.PROTOCOL), f.evaluate(base.firstSeen(0), EventKind.NEW, 0));
    }
}
