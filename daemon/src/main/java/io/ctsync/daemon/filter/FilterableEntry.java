package io.ctsync.daemon.filter;

import java.net.InetAddress;
import java.util.BitSet;

/**
 * The fields of a decoded conntrack entry that the replication filter reads; the engine adapts its entry
 * type to this view.
 */
public interface FilterableEntry {
    /** {@link #tcpState()} when the event did not carry {@code CTA_PROTOINFO} (e.g. an UPDATE of other fields). */
    int STATE_UNKNOWN = -1;

    /** {@link #firstSeenNanos()} when the engine does not know when the entry appeared: it counts as old. */
    long FIRST_SEEN_UNKNOWN = Long.MIN_VALUE;

    /** Layer-4 protocol number of the original tuple. */
    int protocol();

    InetAddress originalSource();

    InetAddress replySource();

    /** The kernel's {@code TCP_CONNTRACK_*} value, or {@link #STATE_UNKNOWN}; ignored for non-TCP entries. */
    int tcpState();

    /** The 32-bit mark (0 when absent). */
    long mark();

    /** The zone (0 when absent). */
    int zone();

    /** Label bits set on the entry (empty when absent). */
    BitSet labels();

    /**
     * When the entry came into existence, in the time base of the {@code nowNanos} given to {@link
     * EventFilter#decide}: the engine's clock reading when it first learned of the entry (its NEW event), or
     * {@link #FIRST_SEEN_UNKNOWN}.
     */
    long firstSeenNanos();
}
