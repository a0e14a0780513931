package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.NetlinkMessageWriter;

/**
 * Appends the request message for one item (for example a CT_NEW for a conntrack entry) to a batch. The
 * {@link BatchRequestWriter} chooses the sequence number and adds {@code NLM_F_ACK} where it wants an
 * acknowledgement; everything else about the message is the encoder's choice.
 */
@FunctionalInterface
public interface RequestEncoder<T> {
    /** Writes exactly one complete message for {@code item} with {@code nlmsg_seq = seq}. */
    void encode(NetlinkMessageWriter writer, T item, int seq);
}
