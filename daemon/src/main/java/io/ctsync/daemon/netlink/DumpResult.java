package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.Errno;

/**
 * How a dump ended: how many messages were streamed in how many datagrams, how many were malformed and
 * skipped, and the errno when the kernel (or a timeout) ended it early.
 *
 * @param messages reply messages handed to the handler (excluding the final {@code NLMSG_DONE})
 * @param datagrams datagrams received
 * @param malformed messages or datagram tails that failed to parse, skipped
 * @param errno 0 when {@code NLMSG_DONE} reported success; otherwise the positive errno
 * @param errorMessage extended-ACK text of a failed dump, or null
 * @param interrupted the kernel flagged the dump as inconsistent ({@code NLM_F_DUMP_INTR}); dump again
 */
public record DumpResult(
        long messages, long datagrams, long malformed, int errno, String errorMessage, boolean interrupted) {

    /** True when the dump ran to a successful {@code NLMSG_DONE}. */
    public boolean complete() {
        return errno == 0;
    }

    /** The errno's symbolic name, or null when the dump succeeded. */
    public String errnoName() {
        return errno == 0 ? null : Errno.nameOf(errno);
    }
}
