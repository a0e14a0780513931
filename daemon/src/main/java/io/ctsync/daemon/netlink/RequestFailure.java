package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.Errno;

/**
 * Why one request of a batch failed: the errno the kernel answered with (and its extended-ACK text), a
 * send the kernel refused as a whole, or a reply that never arrived.
 *
 * @param kind where the failure was seen
 * @param errno positive errno
 * @param message extended-ACK text from the kernel, or null
 * @param seq the request's {@code nlmsg_seq}
 */
public record RequestFailure(Kind kind, int errno, String message, int seq) {

    /** Where a request failure was observed. */
    public enum Kind {
        /** The kernel processed the request and answered with an {@code NLMSG_ERROR}. */
        KERNEL,
        /** {@code sendto} of the datagram carrying the request failed; nothing in it was applied. */
        SEND,
        /**
         * No reply arrived for the request (the writer's receive queue overran, or the kernel stayed
         * silent); it may or may not have been applied.
         */
        NO_REPLY
    }

    /** The errno's symbolic name, e.g. {@code EEXIST}. */
    public String errnoName() {
        return Errno.nameOf(errno);
    }

    @Override
    public String toString() {
        return errnoName() + (message != null ? " \"" + message + "\"" : "") + " (" + kind + ", seq "
                + Integer.toUnsignedString(seq) + ")";
    }
}
