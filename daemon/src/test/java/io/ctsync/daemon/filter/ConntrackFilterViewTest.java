package io.ctsync.daemon.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.Labels;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** A decoded entry reads as the filter expects: absent mark, zone, state and labels have their neutral values. */
class ConntrackFilterViewTest {
    private static final Tuple ORIG = Tuple.of("10.0.0.1", "192.0.2.1", 6, 1234, 80);
    private static final Tuple REPLY = Tuple.of("198.51.100.7", "10.0.0.1", 6, 80, 1234);

    @Test
    void presentFieldsAreReadFromTheEntry() {
        ConntrackEntry e = ConntrackEntry.builder()
                .original(ORIG)
                .reply(REPLY)
                .mark(0x8000_0001)
                .zone(7)
                .tcp(TcpInfo.of(TcpState.TIME_WAIT))
                .labels(Labels.ofBits(0, 127))
                .build();
        ConntrackFilterView v = new ConntrackFilterView(e, 42);
        assertEquals(6, v.protocol());
        assertEquals(TestEvents.ip("10.0.0.1"), v.originalSource());
        assertEquals(TestEvents.ip("198.51.100.7"), v.replySource());
        assertEquals(0x8000_0001L, v.mark());
        assertEquals(7, v.zone());
        assertEquals(7, v.tcpState());
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(127);
        assertEquals(bits, v.labels());
        assertEquals(42, v.firstSeenNanos());
    }

    @Test
    void absentFieldsReadAsNeutralValues() {
        ConntrackEntry e = ConntrackEntry.builder().original(ORIG).reply(REPLY).build();
        ConntrackFilterView v = new ConntrackFilterView(e, FilterableEntry.FIRST_SEEN_UNKNOWN);
        assertEquals(0, v.mark());
        assertEquals(0, v.zone());
        assertEquals(FilterableEntry.STATE_UNKNOWN, v.tcpState());
        assertEquals(new BitSet(), v.labels());
    }
}
