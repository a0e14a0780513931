package io.ctsync.daemon.netlink;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.ctnetlink.ConntrackMessage;
import io.ctsync.protocol.ctnetlink.CtnetlinkDecoder;
import io.ctsync.protocol.ctnetlink.CtnetlinkHandler;
import io.ctsync.protocol.ctnetlink.DumpFilter;
import io.ctsync.protocol.ctnetlink.MessageKind;
import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams the conntrack table of a namespace through a {@link DumpReader}: each dump part is decoded as it
 * arrives and handed to a consumer, so memory does not grow with the table. Not thread-safe.
 */
public final class ConntrackDump implements AutoCloseable {
    private final DumpReader reader;
    private final Handler handler = new Handler();
    private final CtnetlinkDecoder decoder = new CtnetlinkDecoder(handler);

    public ConntrackDump(DumpReader reader) {
        this.reader = Objects.requireNonNull(reader);
    }

    /** Opens a dump socket in {@code namespace}. */
    public static ConntrackDump open(NetworkNamespace namespace) throws NetlinkException {
        return new ConntrackDump(DumpReader.open(namespace));
    }

    /** Dumps every entry (both families). */
    public DumpResult entries(Consumer<? super ConntrackEntry> sink) throws NetlinkException {
        return entries(DumpFilter.ALL, sink);
    }

    /**
     * Dumps the entries the kernel selects with {@code filter}, handing each decoded entry to {@code sink}
     * as its datagram arrives.
     */
    public DumpResult entries(DumpFilter filter, Consumer<? super ConntrackEntry> sink) throws NetlinkException {
        return reader.dump(ConntrackRequests.dump(filter), message -> decodeOne(message, sink));
    }

    private boolean decodeOne(NetlinkMessageReader message, Consumer<? super ConntrackEntry> sink) {
        handler.sink = sink;
        handler.ok = false;
        try {
            decoder.decode(message.buffer(), message.offset(), message.length());
        } finally {
            handler.sink = null;
        }
        return handler.ok;
    }

    /** Messages skipped while decoding dumps, by reason. */
    public long dropped(DropReason reason) {
        return decoder.dropped(reason);
    }

    public int portId() {
        return reader.portId();
    }

    @Override
    public void close() {
        reader.close();
    }

    private static final class Handler implements CtnetlinkHandler {
        Consumer<? super ConntrackEntry> sink;
        boolean ok;

        @Override
        public void onConntrack(ConntrackMessage m) {
            if (m.kind() == MessageKind.DUMP || m.kind() == MessageKind.GET_REPLY) {
                ok = true;
                sink.accept(m.entry());
            }
        }
    }
}
