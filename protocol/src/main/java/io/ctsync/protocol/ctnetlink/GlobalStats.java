package io.ctsync.protocol.ctnetlink;

/**
 * The table size and its limit ({@code IPCTNL_MSG_CT_GET_STATS} reply).
 *
 * @param entries entries in the namespace's table
 * @param maxEntries {@code nf_conntrack_max}
 */
public record GlobalStats(long entries, long maxEntries) {}
