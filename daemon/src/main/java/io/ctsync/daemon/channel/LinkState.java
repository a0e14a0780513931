package io.ctsync.daemon.channel;

/**
 * Life-cycle state of one sync link, as shown by {@code status}: whether it can carry traffic now.
 *
 * <pre>
 *   CLOSED --open()--> OPENING --sockets bound--> UP <--(TCP) reconnect--> DOWN
 *      ^                  |                        |                        |
 *      +---- close() -----+------------------------+------------------------+
 * </pre>
 */
public enum LinkState {
    /** Not opened yet, or closed. */
    CLOSED,
    /** {@link SyncChannel#open} is binding the sockets. */
    OPENING,
    /** Sockets bound (UDP, multicast) or the outgoing connection established (TCP). */
    UP,
    /** Open, but unable to send now: the TCP outgoing connection is down and being re-established. */
    DOWN
}
