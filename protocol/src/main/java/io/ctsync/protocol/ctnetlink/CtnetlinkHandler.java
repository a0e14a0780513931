package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.NetlinkError;

/**
 * Receives what {@link CtnetlinkDecoder} finds in a datagram, in order. Every method has an empty
 * default, so implementations override only what their socket can receive. Exceptions thrown here
 * propagate to the caller of {@code decode}.
 */
public interface CtnetlinkHandler {
    default void onConntrack(ConntrackMessage message) {}

    default void onExpectation(ExpectationMessage message) {}

    default void onCpuStats(CpuStats stats) {}

    default void onExpectationCpuStats(ExpectationCpuStats stats) {}

    default void onGlobalStats(GlobalStats stats) {}

    /** An {@code NLMSG_ERROR}: an ACK when {@link NetlinkError#isAck()}, a failed request otherwise. */
    default void onError(NetlinkError error) {}

    /**
     * The end of a dump ({@code NLMSG_DONE}).
     *
     * @param errno 0 for a complete dump, the positive errno if the dump failed
     */
    default void onDone(int seq, int pid, int errno) {}

    /**
     * A message (or the rest of the datagram, for framing errors) was dropped; the decoder has
     * already counted it.
     *
     * @param nlmsgType the message's type, or -1 when the header itself was unreadable
     */
    default void onDrop(DropReason reason, int nlmsgType, int seq) {}
}
