package io.ctsync.daemon.netlink;

/** Counters of a {@link BatchRequestWriter}: one per outcome and per reply anomaly. */
public enum WriterCounter {
    /** Requests encoded and handed to {@code sendto}. */
    REQUESTS,
    /** Datagrams sent (each a batch of requests). */
    DATAGRAMS,
    /** Requests the kernel applied (acknowledged, or no error before the batch's final ACK). */
    SUCCEEDED,
    /** Requests the kernel rejected with an {@code NLMSG_ERROR}. */
    KERNEL_ERRORS,
    /** Requests in a datagram whose {@code sendto} failed. */
    SEND_FAILURES,
    /** Requests whose reply never arrived (receive overrun or silence). */
    NO_REPLY,
    /** {@code ENOBUFS} on the writer's own socket: replies were dropped. */
    REPLY_OVERRUNS,
    /** Replies whose sequence number matches no request of the current batch (late or foreign). */
    STALE_REPLIES,
    /** Reply datagrams or messages that failed to parse, or were not {@code NLMSG_ERROR}. */
    MALFORMED_REPLIES,
    /** Waits for replies that ended in the reply timeout. */
    REPLY_TIMEOUTS
}
