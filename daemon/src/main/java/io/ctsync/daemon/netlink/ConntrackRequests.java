package io.ctsync.daemon.netlink;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.ctnetlink.ConntrackEncoder;
import io.ctsync.protocol.ctnetlink.DumpFilter;
import io.ctsync.protocol.ctnetlink.ExpectationEncoder;

/**
 * The conntrack requests a {@link BatchRequestWriter} and a {@link DumpReader} send, as encoders over the
 * ctnetlink codec: create, upsert, update, delete, flush and dump of entries, create and delete of
 * expectations.
 */
public final class ConntrackRequests {
    private ConntrackRequests() {}

    /** Insert only ({@code CREATE|EXCL}): EEXIST if the tuple exists. */
    public static final RequestEncoder<ConntrackEntry> CREATE =
            (w, e, seq) -> ConntrackEncoder.create(w, seq, e, ConntrackEncoder.CreateMode.EXCLUSIVE);

    /** Create, or update when the tuple exists ({@code CREATE}). */
    public static final RequestEncoder<ConntrackEntry> UPSERT =
            (w, e, seq) -> ConntrackEncoder.create(w, seq, e, ConntrackEncoder.CreateMode.UPSERT);

    /** Update only: ENOENT if the tuple is missing; NAT, master and helper are left out. */
    public static final RequestEncoder<ConntrackEntry> UPDATE = (w, e, seq) -> ConntrackEncoder.update(w, seq, e);

    /** Delete by original tuple (and zone, when the entry has one). */
    public static final RequestEncoder<ConntrackEntry> DELETE =
            (w, e, seq) -> ConntrackEncoder.delete(w, seq, e.original(), e.hasZone() ? e.zone() : -1);

    /** Flush the entries selected by the filter (family, mark, zone, status). */
    public static final RequestEncoder<DumpFilter> FLUSH = (w, f, seq) -> ConntrackEncoder.flush(w, seq, f);

    /** Create an expectation (its master must exist and have a conntrack helper). */
    public static final RequestEncoder<Expectation> EXPECT_CREATE =
            (w, x, seq) -> ExpectationEncoder.create(w, seq, x, ConntrackEncoder.CreateMode.EXCLUSIVE);

    /** Delete an expectation by its expected tuple (and zone). */
    public static final RequestEncoder<Expectation> EXPECT_DELETE =
            (w, x, seq) -> ExpectationEncoder.delete(w, seq, x.tuple(), x.zone());

    /** A conntrack table dump, optionally filtered in the kernel. */
    public static DumpReader.Request dump(DumpFilter filter) {
        return (w, seq) -> ConntrackEncoder.dump(w, seq, filter);
    }
}
