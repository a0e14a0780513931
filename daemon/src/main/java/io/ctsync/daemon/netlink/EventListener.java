package io.ctsync.daemon.netlink;

import java.util.List;

/**
 * Receives what an {@link EventSubscriber}'s reader thread decodes: batches of events in kernel order, and
 * the "events lost" signal when the kernel dropped events for the socket (ENOBUFS), after which the
 * consumer's view is incomplete and needs a resync. Called on the reader thread; keep it quick (hand off
 * to a queue).
 */
public interface EventListener<E> {

    /** A batch of decoded events, immutable, in the order the kernel sent them. */
    void onEvents(List<E> events);

    /**
     * The kernel dropped events because the receive buffer overran ({@code ENOBUFS}); events before and after
     * this call are intact, the ones in between are gone.
     *
     * @param overruns how many overruns this subscriber has seen so far, this one included
     */
    void onEventsLost(long overruns);

    /** The reader thread ended: {@code failure} is null after {@link EventSubscriber#close()}. */
    default void onStopped(Throwable failure) {}
}
