package io.ctsync.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Kernel-side (ctnetlink) settings ({@code ctsync.netlink}).
 *
 * @param eventBufferSize receive buffer of the event socket in bytes (forced)
 * @param eventBufferMaxSize the event buffer doubles on overrun up to this size
 * @param reliableEvents ask the kernel never to drop events (NETLINK_BROADCAST_ERROR, NO_ENOBUFS)
 * @param overrunResync whether an event overrun triggers a resync with the kernel table
 * @param overrunResyncDelay delay of that resync (0 = at once)
 * @param dumpBufferSize receive buffer of the dump socket in bytes
 * @param pollInterval poll the table at this interval instead of subscribing to events, if set
 */
public record NetlinkSettings(
        long eventBufferSize,
        long eventBufferMaxSize,
        boolean reliableEvents,
        boolean overrunResync,
        Duration overrunResyncDelay,
        long dumpBufferSize,
        Optional<Duration> pollInterval) {}
