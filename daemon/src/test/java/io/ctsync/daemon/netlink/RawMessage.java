package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.NetlinkMessageReader;
import java.nio.ByteBuffer;
import java.util.List;

/** A netlink message reduced to its header fields: a minimal decoder for subscriber tests. */
record RawMessage(int type, int flags, int seq, int pid, int length) {

    /** Decodes every message header of a datagram; a framing error counts as one dropped message. */
    static int decode(ByteBuffer datagram, int offset, int length, List<RawMessage> out) {
        NetlinkMessageReader r = new NetlinkMessageReader(datagram, offset, length);
        while (r.next()) {
            out.add(new RawMessage(r.type(), r.flags(), r.seq(), r.pid(), r.length()));
        }
        return r.error() == null ? 0 : 1;
    }
}
