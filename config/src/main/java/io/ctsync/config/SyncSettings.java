package io.ctsync.config;

import java.time.Duration;

/**
 * Replication policy and its timers ({@code ctsync.sync}).
 *
 * @param mode FTFW, NOTRACK or ALARM
 * @param aliveInterval idle time after which an ALIVE (or, in FTFW, a pending ACK) is sent
 * @param startupResync whether to ask the peer for a full resync at start-up
 * @param purgeTimeout delay of the kernel-table purge requested with {@code -t}
 * @param linkTimeout silence from the peer after which the active link counts as dead
 * @param stallThreshold replication lag beyond which the "sync stalled" condition is raised
 * @param ftfw FTFW knobs (used in FTFW mode)
 * @param alarm ALARM knobs (used in ALARM mode)
 * @param peer wire-compatibility switches for the peer
 */
public record SyncSettings(
        SyncMode mode,
        Duration aliveInterval,
        boolean startupResync,
        Duration purgeTimeout,
        Duration linkTimeout,
        Duration stallThreshold,
        FtfwSettings ftfw,
        AlarmSettings alarm,
        PeerCompatSettings peer) {}
