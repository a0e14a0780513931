package io.ctsync.daemon.filter;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.Labels;
import java.net.InetAddress;
import java.util.BitSet;

/**
 * Presents a decoded {@link ConntrackEntry} to the {@link EventFilter}: absent mark and zone read as 0, an
 * absent TCP protoinfo as {@link FilterableEntry#STATE_UNKNOWN}, absent labels as none.
 *
 * @param entry the decoded entry (both tuples present)
 * @param firstSeenNanos when the engine first learned of the entry, or {@link #FIRST_SEEN_UNKNOWN}
 */
public record ConntrackFilterView(ConntrackEntry entry, long firstSeenNanos) implements FilterableEntry {

    @Override
    public int protocol() {
        return entry.original().protocol();
    }

    @Override
    public InetAddress originalSource() {
        return entry.original().src().toInetAddress();
    }

    @Override
    public InetAddress replySource() {
        return entry.reply().src().toInetAddress();
    }

    @Override
    public int tcpState() {
        return entry.tcp() == null ? STATE_UNKNOWN : entry.tcp().state().value();
    }

    @Override
    public long mark() {
        return entry.hasMark() ? entry.mark() & 0xffff_ffffL : 0;
    }

    @Override
    public int zone() {
        return entry.hasZone() ? entry.zone() : 0;
    }

    @Override
    public BitSet labels() {
        Labels l = entry.labels();
        BitSet out = new BitSet();
        if (l != null) {
            for (int bit = 0; bit < l.byteLength() * 8; bit++) {
                if (l.isSet(bit)) {
                    out.set(bit);
                }
            }
        }
        return out;
    }
}
