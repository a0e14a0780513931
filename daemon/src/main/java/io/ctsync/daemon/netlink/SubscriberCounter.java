package io.ctsync.daemon.netlink;

/** Counters of an {@link EventSubscriber}: traffic, and one per loss or drop reason. */
public enum SubscriberCounter {
    /** recvmmsg calls that returned datagrams. */
    RECEIVE_CALLS,
    /** Datagrams received. */
    DATAGRAMS,
    /** Events decoded and handed to the listener. */
    EVENTS,
    /** Batches handed to the listener. */
    BATCHES,
    /** ENOBUFS: the kernel dropped events for this socket (each reported as "events lost"). */
    OVERRUNS,
    /** Datagrams larger than a receive slot, cut by the kernel and skipped. */
    TRUNCATED_DATAGRAMS,
    /** Messages the decoder could not decode and skipped. */
    MALFORMED_MESSAGES,
    /** Decoder exceptions (a decoder bug; the datagram was skipped). */
    DECODER_FAILURES,
    /** Exceptions thrown by the listener (caught; the reader keeps going). */
    LISTENER_FAILURES,
    /** Receive errors other than timeouts and overruns. */
    RECEIVE_ERRORS
}
