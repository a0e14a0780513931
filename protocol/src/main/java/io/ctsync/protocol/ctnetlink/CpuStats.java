package io.ctsync.protocol.ctnetlink;

/**
 * Conntrack statistics of one CPU ({@code IPCTNL_MSG_CT_GET_STATS_CPU} reply); counters the kernel
 * did not send read 0.
 *
 * @param cpu the CPU ({@code res_id})
 * @param found lookups that found an entry
 * @param invalid packets that could not be tracked
 * @param insert entries inserted
 * @param insertFailed inserts that failed
 * @param drop packets dropped because an entry could not be created
 * @param earlyDrop entries dropped early to make room
 * @param error ICMP errors that could not be related
 * @param searchRestart lookups restarted
 * @param clashResolve insert clashes resolved
 * @param chainTooLong hash chains found too long
 */
public record CpuStats(
        int cpu,
        long found,
        long invalid,
        long insert,
        long insertFailed,
        long drop,
        long earlyDrop,
        long error,
        long searchRestart,
        long clashResolve,
        long chainTooLong) {}
